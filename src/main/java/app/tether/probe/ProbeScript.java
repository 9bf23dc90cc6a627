package app.tether.probe;

import app.tether.core.Messages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one constant POSIX sh script a status probe runs: host facts and both nvidia-smi queries in a single
 * round trip, printed as tagged lines and marked sections. It takes no arguments, so no user value ever
 * becomes part of it.
 */
public final class ProbeScript {
    static final String BEGIN = "@@tether-probe 1";
    static final String GPUS = "@@gpus";
    static final String APPS = "@@apps";
    static final String NO_NVIDIA_SMI = "@@no-nvidia-smi";
    static final String EXIT = "@@exit ";
    static final String END = "@@end";

    /** Seconds nvidia-smi may take per query; a wedged driver can make it hang for minutes. */
    static final int NVIDIA_SMI_TIMEOUT_SECONDS = 10;

    /**
     * The script; run as {@code sh -c SCRIPT}. One line of complete commands joined by "; ", because the
     * user's login shell reads it first and csh/tcsh refuse a newline inside quotes (and no backslash or
     * {@code !}, which would make RemoteShell send it base64-encoded through one more process).
     *
     * <p>It may run many times in one shell ({@link ProbeShells}): it appends to PATH only once, sets every variable
     * it reads, leaves IFS and globbing as it found them, and no command it starts reads the shell's stdin (which
     * holds the next scripts).
     *
     * <p>Host facts come from shell built-ins reading /proc and /sys where they exist, with the utilities as
     * the fallback elsewhere: a refresh of 50 servers runs it 50 times, and on a loaded host each process
     * costs a fork and an exec. A Linux server runs df and nvidia-smi (under timeout) and nothing else.
     */
    public static final String SCRIPT = String.join("; ",
            "LC_ALL=C", "export LC_ALL",
            // Container images and some clouds keep the driver utilities here without putting them on PATH.
            // Once: a standing probe shell runs the script again and again.
            "case \":$PATH:\" in *:/usr/local/nvidia/bin:*) ;; *) PATH=\"$PATH:/usr/local/nvidia/bin\";; esac",
            "export PATH",
            "echo '" + BEGIN + "'",
            "if [ -r /proc/sys/kernel/hostname ]; then read -r h < /proc/sys/kernel/hostname; "
                    + "else h=$(uname -n 2>/dev/null); fi",
            "echo \"hostname $h\"",
            "if [ -r /etc/os-release ]; then while IFS= read -r l || [ -n \"$l\" ]; do case $l in PRETTY_NAME=*) "
                    + "echo \"os-release $l\"; break;; esac; l=; done < /etc/os-release; fi",
            "if [ -r /proc/sys/kernel/ostype ] && [ -r /proc/sys/kernel/osrelease ]; then "
                    + "read -r s < /proc/sys/kernel/ostype; read -r r < /proc/sys/kernel/osrelease; "
                    + "echo \"uname $s $r\"; else echo \"uname $(uname -sr 2>/dev/null)\"; fi",
            "if [ -r /proc/uptime ]; then read -r u < /proc/uptime; echo \"uptime $u\"; fi",
            "if [ -r /proc/loadavg ]; then read -r u < /proc/loadavg; echo \"loadavg $u\"; fi",
            // getconf _NPROCESSORS_ONLN reads this list ("0-3,6,8-11") too; IFS goes back to its default after.
            "n=; if [ -r /sys/devices/system/cpu/online ]; then read -r o < /sys/devices/system/cpu/online; n=0; "
                    + "IFS=,; for r in $o; do case $r in *-*) n=$((n + ${r#*-} - ${r%-*} + 1));; *) n=$((n + 1));; "
                    + "esac; done; unset IFS; fi",
            "if [ -z \"$n\" ] || [ \"$n\" = 0 ]; then n=$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null); fi",
            "echo \"cpus $n\"",
            "if [ -r /proc/meminfo ]; then while read -r k v w; do case $k in MemTotal:|MemAvailable:) "
                    + "echo \"meminfo $k $v $w\";; esac; done < /proc/meminfo; fi",
            // A hung NFS home or GPU driver must not hang the whole probe: bound df and nvidia-smi when we can.
            "if command -v timeout >/dev/null 2>&1; then d='timeout 5'; t='timeout " + NVIDIA_SMI_TIMEOUT_SECONDS
                    + "'; else d=; t=; fi",
            // df -P prints a header line and one line: both go on the df line, unquoted so the newline becomes a
            // space (the parser finds the numbers after the header); no globbing of what df printed.
            "set -f", "x=$($d df -Pk \"$HOME\" </dev/null 2>/dev/null)", "echo df $x", "set +f",
            "if command -v nvidia-smi >/dev/null 2>&1; then echo '" + GPUS + "'; "
                    + "$t " + String.join(" ", NvidiaSmiParser.GPU_QUERY) + " </dev/null 2>&1; c=$?; "
                    // nvidia-smi's last line may lack a newline: the marker goes on a line of its own.
                    + "echo; echo \"" + EXIT + "$c\"; "
                    // The processes only matter when the GPUs were read; a wedged driver is not waited for twice.
                    + "if [ $c = 0 ]; then echo '" + APPS + "'; "
                    + "$t " + String.join(" ", NvidiaSmiParser.APPS_QUERY) + " </dev/null 2>&1; c=$?; "
                    + "echo; echo \"" + EXIT + "$c\"; fi; "
                    + "else echo '" + NO_NVIDIA_SMI + "'; fi",
            "echo '" + END + "'");

    private static final Pattern EXIT_LINE = Pattern.compile("^" + EXIT + "(\\d+)\\s*$");

    /** The output of one section: the lines between its marker and its exit line, and that exit status. */
    record Section(String output, int exitCode) {
    }

    /** The script's output cut into its parts. */
    record Output(List<String> hostLines, boolean sawEnd, boolean noNvidiaSmi, Section gpus, Section apps) {
    }

    private ProbeScript() {
    }

    /** The argv a probe sends. */
    public static List<String> argv() {
        return List.of("sh", "-c", SCRIPT);
    }

    /** Cuts the script's stdout into host lines and the two nvidia-smi sections (missing parts are null). */
    static Output split(String stdout) {
        List<String> host = new ArrayList<>();
        Map<String, List<String>> sections = new LinkedHashMap<>();
        Map<String, Integer> exits = new LinkedHashMap<>();
        String current = null;
        boolean begun = false;
        boolean end = false;
        boolean noSmi = false;
        for (String line : (stdout == null ? "" : stdout).lines().toList()) {
            if (line.equals(BEGIN)) {
                begun = true; // anything before it came from the user's shell start-up files
                host.clear();
                continue;
            }
            if (!begun) {
                continue;
            }
            if (line.equals(GPUS) || line.equals(APPS)) {
                current = line;
                sections.put(current, new ArrayList<>());
                continue;
            }
            if (line.equals(NO_NVIDIA_SMI)) {
                noSmi = true;
                continue;
            }
            if (line.equals(END)) {
                end = true;
                break;
            }
            Matcher exit = EXIT_LINE.matcher(line);
            if (current != null && exit.matches()) {
                exits.put(current, Integer.parseInt(exit.group(1)));
                current = null;
                continue;
            }
            if (current != null) {
                sections.get(current).add(line);
            } else {
                host.add(line);
            }
        }
        return new Output(host, end, noSmi, section(sections, exits, GPUS), section(sections, exits, APPS));
    }

    /**
     * The status an ONLINE server's script output describes. Output without the script's first line (the
     * server's shell could not run it) gives unknown host facts and a GPU ERROR saying so.
     */
    static ServerStatus read(String target, Instant at, String stdout, String stderr) {
        Output out = split(stdout);
        if (!(stdout == null ? "" : stdout).lines().anyMatch(BEGIN::equals)) {
            String why = firstLine(stderr);
            if (why == null) {
                why = firstLine(stdout); // nologin says why on stdout ("This account is currently not available.")
            }
            return new ServerStatus(target, at, Reachability.ONLINE, null, HostFactsParser.parse(List.of()),
                    GpuAvailability.ERROR, Messages.get("probe.error.scriptFailed", why == null ? "" : why),
                    List.of(), List.of());
        }
        HostFacts host = HostFactsParser.parse(out.hostLines());
        if (out.noNvidiaSmi()) {
            return new ServerStatus(target, at, Reachability.ONLINE, null, host, GpuAvailability.NO_NVIDIA_SMI,
                    Messages.get("probe.gpu.noNvidiaSmi"), List.of(), List.of());
        }
        if (out.gpus() == null) {
            return new ServerStatus(target, at, Reachability.ONLINE, null, host, GpuAvailability.ERROR,
                    Messages.get("probe.gpu.cutShort"), List.of(), List.of());
        }
        NvidiaSmiParser.GpuReading gpus = NvidiaSmiParser.readGpus(out.gpus().exitCode(), out.gpus().output());
        List<GpuProcess> processes = out.apps() == null || gpus.availability() != GpuAvailability.AVAILABLE
                ? List.of()
                : NvidiaSmiParser.readComputeApps(out.apps().exitCode(), out.apps().output());
        return new ServerStatus(target, at, Reachability.ONLINE, null, host, gpus.availability(),
                gpuError(gpus, out.gpus().exitCode()), gpus.gpus(), processes);
    }

    private static String gpuError(NvidiaSmiParser.GpuReading reading, int exitCode) {
        String detail = reading.detail() == null ? "" : reading.detail();
        return switch (reading.availability()) {
            case AVAILABLE -> null;
            case NO_NVIDIA_SMI -> Messages.get("probe.gpu.noNvidiaSmi");
            case NO_DRIVER -> Messages.get("probe.gpu.noDriver", detail);
            case ERROR -> exitCode == NvidiaSmiParser.TIMED_OUT
                    ? Messages.get("probe.gpu.timeout", NVIDIA_SMI_TIMEOUT_SECONDS)
                    : Messages.get("probe.gpu.error", exitCode, detail);
        };
    }

    private static String firstLine(String text) {
        return text == null ? null : text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
    }

    private static Section section(Map<String, List<String>> sections, Map<String, Integer> exits, String name) {
        if (!sections.containsKey(name)) {
            return null;
        }
        // Cut short (no exit line): report it as a failed run so the parser treats it as an error.
        int code = exits.getOrDefault(name, -1);
        return new Section(String.join("\n", sections.get(name)), code);
    }
}
