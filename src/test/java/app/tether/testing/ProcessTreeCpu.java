package app.tether.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time (user + system, in ms) a process and its live descendants used, including that of their children
 * that ended and were waited for (Linux /proc): what a server spent on the commands it ran, for benchmarks.
 */
public final class ProcessTreeCpu {
    /** USER_HZ, the unit of /proc/PID/stat's times; 100 on every Linux architecture Tether runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

    private ProcessTreeCpu() {
    }

    /** The tree's CPU time so far; compare two readings. A process that ends between them is not counted. */
    public static double millis(long pid) {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        return Stream.concat(Stream.of(root), root.descendants()).mapToLong(p -> ticks(p.pid())).sum() * MILLIS_PER_TICK;
    }

    /** The CPU of this JVM so far (every thread), in ms. */
    public static double thisJvmMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    /** The 1-minute load average, for printing beside a number. */
    public static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // After the command name in parentheses (which may hold spaces): state is field 3, utime field 14.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0; // ended meanwhile
        }
    }
}
