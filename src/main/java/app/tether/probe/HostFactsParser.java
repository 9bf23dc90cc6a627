package app.tether.probe;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the tagged host lines of {@link ProbeScript} into {@link HostFacts}; a missing or odd line gives -1/null. */
final class HostFactsParser {
    // df -P: "Filesystem 1024-blocks Used Available Capacity Mounted-on"; the file system name and the mount
    // point may hold spaces, the four numbers in the middle never do.
    private static final Pattern DF = Pattern.compile(".*?\\s(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)%\\s+(.*)$");
    private static final Pattern MEMINFO = Pattern.compile("^(MemTotal|MemAvailable):\\s*(\\d+)\\s*kB.*$");

    private HostFactsParser() {
    }

    static HostFacts parse(List<String> lines) {
        String hostname = null;
        String osRelease = null;
        String uname = null;
        long uptime = -1;
        double[] load = {-1, -1, -1};
        int cpus = -1;
        long memTotal = -1;
        long memAvailable = -1;
        long homeFree = -1;
        for (String line : lines) {
            int space = line.indexOf(' ');
            String tag = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1).strip();
            switch (tag) {
                case "hostname" -> hostname = value.isEmpty() ? null : value;
                case "os-release" -> osRelease = prettyName(value);
                case "uname" -> uname = value.isEmpty() ? null : value;
                case "uptime" -> uptime = firstNumber(value) < 0 ? -1 : (long) firstNumber(value);
                case "loadavg" -> load = loadAverages(value);
                case "cpus" -> cpus = (int) wholeOr(value, -1);
                case "meminfo" -> {
                    Matcher m = MEMINFO.matcher(value);
                    if (m.matches()) {
                        long mib = Long.parseLong(m.group(2)) / 1024;
                        if (m.group(1).equals("MemTotal")) {
                            memTotal = mib;
                        } else {
                            memAvailable = mib;
                        }
                    }
                }
                case "df" -> {
                    Matcher m = DF.matcher(value);
                    if (m.matches()) {
                        homeFree = Long.parseLong(m.group(3)) / 1024;
                    }
                }
                default -> {
                    // a line from a newer script version or a noisy login: not ours to read
                }
            }
        }
        return new HostFacts(hostname, osRelease != null ? osRelease : uname, uptime, load[0], load[1], load[2],
                cpus, memTotal, memAvailable, homeFree);
    }

    /** {@code PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"} → the quoted text (shell quoting, as os-release uses). */
    private static String prettyName(String line) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            return null;
        }
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        value = value.replace("\\\"", "\"").replace("\\$", "$").replace("\\`", "`").replace("\\\\", "\\");
        return value.isBlank() ? null : value;
    }

    private static double[] loadAverages(String value) {
        String[] parts = value.split("\\s+");
        double[] load = {-1, -1, -1};
        for (int i = 0; i < 3 && i < parts.length; i++) {
            load[i] = firstNumber(parts[i]);
        }
        return load;
    }

    private static double firstNumber(String value) {
        String first = value.strip().split("\\s+")[0];
        try {
            double d = Double.parseDouble(first);
            return d < 0 || Double.isNaN(d) || Double.isInfinite(d) ? -1 : d;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long wholeOr(String value, long fallback) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
