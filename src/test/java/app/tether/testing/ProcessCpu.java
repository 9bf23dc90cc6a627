package app.tether.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a process has used so far: user + system time to the nanosecond from each thread's
 * {@code /proc/PID/task/TID/schedstat} (the scheduler's own count), user time alone from {@code /proc/PID/stat}
 * (10 ms resolution, the only place it is kept apart). A benchmark round of 1 000 connections lasts about 0.3 s: in
 * 10 ms ticks one connection's CPU reads only to 10 us, and the median of a few rounds could not show a change of
 * 5 %.
 */
public final class ProcessCpu {
    private ProcessCpu() {
    }

    /** User + system time, or user time only (without the kernel's share: system calls, loopback TCP). */
    public static long nanos(long pid, boolean userOnly) throws IOException {
        if (!userOnly) {
            long exact = scheduledNanos(pid);
            if (exact >= 0) {
                return exact;
            }
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command name (which may hold spaces) start after the last ')': utime and stime are 14 and 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + (userOnly ? 0 : Long.parseLong(fields[12]));
        return ticks * 10_000_000L;
    }

    /**
     * The time each live thread of the process has run, summed; -1 where the kernel keeps no schedstat. Threads
     * that have ended are no longer counted (the benchmarked processes keep theirs).
     */
    static long scheduledNanos(long pid) throws IOException {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String schedstat = Files.readString(task.resolve("schedstat")).strip();
                    sum += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                } catch (NoSuchFileException e) {
                    if (!Files.exists(task)) {
                        continue; // the thread ended meanwhile
                    }
                    return -1;
                }
            }
        }
        return sum;
    }
}
