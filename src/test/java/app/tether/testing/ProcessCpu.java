package app.tether.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time a process has used so far, from {@code /proc/PID/stat} (10 ms resolution). */
public final class ProcessCpu {
    private ProcessCpu() {
    }

    /** User + system time, or user time only (without the kernel's share: system calls, loopback TCP). */
    public static long nanos(long pid, boolean userOnly) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command name (which may hold spaces) start after the last ')': utime and stime are 14 and 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + (userOnly ? 0 : Long.parseLong(fields[12]));
        return ticks * 10_000_000L;
    }
}
