package app.tether.probe;

/**
 * What a server says about itself, read in one round trip. A number the server did not report is -1
 * (for example a host without {@code /proc}); {@code os} and {@code hostname} are then null.
 */
public record HostFacts(String hostname, String os, long uptimeSeconds, double load1, double load5, double load15,
        int cpuCount, long memoryTotalMiB, long memoryAvailableMiB, long homeFreeMiB) {
}
