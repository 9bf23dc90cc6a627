package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.cli.InstanceClient;
import app.tether.inventory.InventoryStore;
import app.tether.testing.InstanceProcesses;
import app.tether.testing.Interop;
import app.tether.testing.OpenSshForward;
import app.tether.testing.ProcessCpu;
import app.tether.testing.SshTestbed;
import app.tether.testing.TetherForwardProcess;
import app.tether.testing.TunnelLoad;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tether's tunnel against OpenSSH {@code ssh -N -L} to the same sshd, in the same run: bulk throughput
 * each way, small request/response latency, and bursts of 100 connections at once. Prints ratios
 * Tether/OpenSSH. Not part of the normal build: {@code ./mvnw -B -Pbench verify} (or
 * {@code ./mvnw -B -Pbench test -Dtest=TunnelBenchmark}). By default Tether's tunnel runs inside this JVM, beside the
 * load generator and the far end; with {@code -Dbench.tetherProcess=true} it runs as {@code tether forward} in a
 * process of its own (the application's class path), process against process as a user runs it beside a browser:
 * then the load generator's threads, JIT and garbage collection no longer stop Tether's I/O thread, as they never
 * stop {@code ssh}. {@code -Dbench.tetherJava=PATH} runs that process on another JVM (a newer runtime to bundle),
 * {@code -Dbench.tetherJvmArgs="…"} with these options instead of the app image's (a flight recording, G1), and
 * {@code -Dbench.tetherClasses=DIR} with another build's classes (a change against the commit before it).
 */
@Tag("bench")
class TunnelBenchmark {
    private static final long BULK_BYTES = Long.getLong("bench.bulkMiB", 256) * 1024 * 1024;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int ROUND_TRIPS = Integer.getInteger("bench.roundTrips", 2000);
    private static final int CONCURRENT = 100;
    private static final int WARM_UPS = Integer.getInteger("bench.warmUps", 3);
    private static final boolean TETHER_PROCESS = Boolean.getBoolean("bench.tetherProcess");
    /** Bursts of {@link #CONCURRENT} connections per round: one burst lasts about 0.1 s, too short to time alone. */
    private static final int BURSTS = Integer.getInteger("bench.bursts", 10);
    /**
     * More bursts of connections before measuring, for a long-running instance's state: C2 compiles MINA's close
     * path (single methods taking it 0.2–1 s) only after some 5 000–15 000 connections.
     */
    private static final int WARM_UP_BURSTS = Integer.getInteger("bench.warmUpBursts", 0);
    /** {@code -Dbench.processCpu=true}: the machine's CPU per unit by process (sshd, ssh, Tether, this JVM). */
    private static final boolean PROCESS_CPU = Boolean.getBoolean("bench.processCpu");

    @TempDir
    Path dir;

    @Test
    void tetherAgainstOpenSsh() throws Exception {
        Interop.requireProgram("/usr/bin/ssh");
        try (SshTestbed testbed = SshTestbed.start(dir);
                TunnelLoad.BenchService service = new TunnelLoad.BenchService();
                TetherSide tether = TETHER_PROCESS ? TetherSide.process(testbed, service.port(), dir)
                        : TetherSide.inThisJvm(testbed, service.port());
                OpenSshForward openssh = OpenSshForward.start(testbed, service.port(), List.of());
                OpenSshForward opensshGcm = OpenSshForward.start(testbed, service.port(),
                        List.of("-c", "aes128-gcm@openssh.com"))) {
            int t = tether.port();
            int o = openssh.port();
            int g = opensshGcm.port();

            // Warm-up: connection setup for all, and the JIT for Tether. On a busy machine C2 was still compiling
            // MINA's packet path (seconds of compiler-thread CPU) through the first measured rounds after 32 MiB.
            for (int i = 0; i < WARM_UPS; i++) {
                for (int port : new int[] {t, o, g}) {
                    TunnelLoad.upload(port, 64L << 20);
                    TunnelLoad.download(port, 64L << 20);
                    roundTrips(port, 500);
                    TunnelLoad.concurrent(port, CONCURRENT);
                }
            }
            for (int b = 0; b < WARM_UP_BURSTS; b++) {
                for (int port : new int[] {t, o, g}) {
                    TunnelLoad.concurrent(port, CONCURRENT);
                }
            }
            List<String> report = new ArrayList<>();
            report.add(String.format(Locale.ROOT, "Tunnel benchmark: %d MiB bulk, %d round trips of 64 B, %d bursts of "
                    + "%d connections at once; median of %d rounds; warm-up %d x (64 MiB each way, 100 connections) and %d "
                    + "more bursts; OpenSSH %s", BULK_BYTES >> 20, ROUND_TRIPS, BURSTS, CONCURRENT, ROUNDS, WARM_UPS,
                    WARM_UP_BURSTS, sshVersion()) + "; TCP congestion control " + congestionControl()
                    + " (the server paces its sending by it: see README, Performance)");
            report.add("Tether's tunnel: " + (TETHER_PROCESS ? "a 'tether forward' process of its own on "
                    + System.getProperty("bench.tetherJava", "this JVM's java") + " with " + System.getProperty(
                    "bench.tetherJvmArgs", String.join(" ", InstanceClient.JVM_OPTIONS)) + " (CPU: the whole process)" : "in this JVM, beside the load generator (CPU: the JVM beyond the same load "
                    + "against OpenSSH; the I/O thread beside it)"));
            report.add("load before: " + loadAverage());
            report.add(String.format(Locale.ROOT, "%-30s %12s %12s %12s %10s %10s", "measure", "Tether",
                    "OpenSSH", "OpenSSH-gcm", "ratio", "ratio-gcm"));
            Cpu cpu = new Cpu(tether, openssh, opensshGcm);
            double mib = BULK_BYTES / 1048576.0;
            measure(report, "upload MiB/s (higher better)", ROUNDS,
                    port -> mibPerSecond(BULK_BYTES, TunnelLoad.upload(port, BULK_BYTES)), mib, "MiB", cpu, t, o, g);
            measure(report, "download MiB/s (higher better)", ROUNDS,
                    port -> mibPerSecond(BULK_BYTES, TunnelLoad.download(port, BULK_BYTES)), mib, "MiB", cpu, t, o, g);
            measure(report, "round trip us (lower better)", ROUNDS, port -> roundTrips(port, ROUND_TRIPS), ROUND_TRIPS,
                    "trip", cpu, t, o, g);
            measure(report, "100 conns/s (higher better)", ROUNDS, port -> {
                long nanos = 0;
                for (int b = 0; b < BURSTS; b++) {
                    nanos += TunnelLoad.concurrent(port, CONCURRENT);
                }
                return BURSTS * CONCURRENT / (nanos / 1e9);
            }, BURSTS * CONCURRENT, "conn", cpu, t, o, g);
            report.add("load after: " + loadAverage());
            report.forEach(System.out::println);
        }
    }

    /** Tether's end of the comparison: a tunnel in this JVM, or a {@code tether forward} process. */
    private interface TetherSide extends AutoCloseable {
        int port();

        /** In this JVM: its I/O thread's CPU; as a process: the whole process's. */
        long cpuNanos(boolean userOnly) throws IOException;

        /** The process whose threads are listed per name: "self" in this JVM. */
        String pid();

        static TetherSide inThisJvm(SshTestbed testbed, int servicePort) throws Exception {
            TestLinks links = new TestLinks(testbed);
            StableTunnel tunnel = StableTunnel.open(links.source("bench"),
                    new TunnelSpec("bench", 0, "127.0.0.1", servicePort), PortMemory.in(testbed.environment()));
            assertTrue(tunnel.awaitConnected(Duration.ofSeconds(30)));
            return new TetherSide() {
                @Override
                public int port() {
                    return tunnel.localPort();
                }

                @Override
                public long cpuNanos(boolean userOnly) {
                    return Cpu.ioThread(userOnly);
                }

                @Override
                public String pid() {
                    return "self";
                }

                @Override
                public void close() throws Exception {
                    try (links; tunnel) {
                        // closed in this order: the tunnel, then the links
                    }
                }
            };
        }

        static TetherSide process(SshTestbed testbed, int servicePort, Path dir) throws Exception {
            new InventoryStore(testbed.environment().inventoryFile())
                    .update(inventory -> inventory.add(testbed.target("bench")));
            String java = System.getProperty("bench.tetherJava",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java));
            // The app image's JVM options unless others are given (a flight recording, another collector).
            String jvmArgs = System.getProperty("bench.tetherJvmArgs", String.join(" ", InstanceClient.JVM_OPTIONS))
                    .strip();
            if (!jvmArgs.isEmpty()) {
                command.addAll(List.of(jvmArgs.split("\\s+")));
            }
            String classPath = InstanceProcesses.applicationClassPath();
            String classes = System.getProperty("bench.tetherClasses"); // another build's classes: A against B
            if (classes != null) {
                classPath = Arrays.stream(classPath.split(File.pathSeparator))
                        .map(entry -> entry.endsWith("classes") ? classes : entry)
                        .collect(Collectors.joining(File.pathSeparator));
            }
            command.addAll(List.of("-cp", classPath, "app.tether.Main"));
            TetherForwardProcess forward = TetherForwardProcess.start(testbed, command, "bench",
                    "0:127.0.0.1:" + servicePort, dir.resolve("forward"));
            return new TetherSide() {
                @Override
                public int port() {
                    return forward.port();
                }

                @Override
                public long cpuNanos(boolean userOnly) throws IOException {
                    return forward.cpuNanos(userOnly);
                }

                @Override
                public String pid() {
                    return String.valueOf(forward.pid());
                }

                @Override
                public void close() throws Exception {
                    forward.close();
                }
            };
        }
    }

    private interface Measure {
        double at(int port) throws Exception;
    }

    /** CPU clocks read around each measurement: the whole JVM, Tether's I/O thread, each ssh client. */
    private record Cpu(TetherSide tether, OpenSshForward openssh, OpenSshForward opensshGcm) {
        static long jvm() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        static long ioThread(boolean userOnly) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("tether-ssh-io")) {
                    long id = info.getThreadId();
                    sum += Math.max(0, userOnly ? threads.getThreadUserTime(id) : threads.getThreadCpuTime(id));
                }
            }
            return sum;
        }

        /** CPU ticks (10 ms) the whole machine has been busy (every core, from /proc/stat). */
        static long machineBusyTicks() throws IOException {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int f = 1; f < fields.length && f <= 8; f++) {
                if (f != 4 && f != 5) { // idle, iowait
                    busy += Long.parseLong(fields[f]);
                }
            }
            return busy;
        }

        /**
         * CPU nanoseconds (user + system, 10 ms resolution) of every process on the machine, summed by what it is:
         * this JVM (the load generator), the tether forward process, ssh, each sshd process by its title.
         */
        static Map<String, Long> processNanos() throws IOException {
            Map<String, Long> nanos = new TreeMap<>();
            long self = ProcessHandle.current().pid();
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : (Iterable<Path>) processes::iterator) {
                    String pid = process.getFileName().toString();
                    if (!pid.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        long used = ProcessCpu.nanos(Long.parseLong(pid), false);
                        String command = new String(Files.readAllBytes(process.resolve("cmdline")),
                                java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').strip();
                        String name = Long.parseLong(pid) == self ? "load-generator"
                                : command.contains("app.tether.Main forward") ? "tether-forward"
                                : command.startsWith("/usr/bin/ssh ") ? (command.contains("aes128-gcm") ? "ssh-gcm" : "ssh")
                                : command.startsWith("sshd:") ? command.replaceAll("\\s+", "_")
                                : "other";
                        nanos.merge(name, used, Long::sum);
                    } catch (IOException | RuntimeException e) {
                        // the process ended meanwhile
                    }
                }
            }
            return nanos;
        }

        /** CPU ticks (10 ms) of every thread of this JVM by name, the VM's own (GC, JIT) included, from /proc. */
        static Map<String, Long> threadTicks(String pid) throws IOException {
            Map<String, Long> ticks = new TreeMap<>();
            try (var tasks = java.nio.file.Files.list(Path.of("/proc", pid, "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = java.nio.file.Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                .replaceAll("[0-9]+", "#");
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
            }
            return ticks;
        }

        /** Side 0: Tether's I/O thread (in this JVM) or its whole process; 1, 2: the ssh client. */
        long own(int side, boolean userOnly) throws IOException {
            if (side == 0) {
                return tether.cpuNanos(userOnly);
            }
            OpenSshForward ssh = side == 1 ? openssh : opensshGcm;
            return userOnly ? ssh.userNanos() : ssh.cpuNanos();
        }
    }

    /**
     * Runs the three alternately, so drifting machine load hits each alike; reports medians and ratios of
     * the measure, then CPU per {@code unit} (a MiB, a round trip, a connection). Tether's CPU is what its
     * JVM used beyond the same load against OpenSSH (the load generator and the far end run in this JVM
     * too), with its I/O thread alone beside it; OpenSSH's is its ssh client's (from /proc).
     */
    private static void measure(List<String> report, String name, int rounds, Measure measure, double units,
            String unit, Cpu cpu, int tether, int openssh, int opensshGcm) throws Exception {
        double[][] values = new double[3][rounds];
        double[][] jvm = new double[3][rounds];
        double[][] own = new double[3][rounds];
        double[][] user = new double[3][rounds];
        double[][] machine = new double[3][rounds];
        @SuppressWarnings("unchecked")
        Map<String, Long>[] byProcess = new Map[] {new TreeMap<>(), new TreeMap<>(), new TreeMap<>()};
        Map<String, Long> tetherThreads = new TreeMap<>();
        int[] ports = {tether, openssh, opensshGcm};
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 3; i++) {
                long machine0 = Cpu.machineBusyTicks();
                Map<String, Long> processes0 = PROCESS_CPU ? Cpu.processNanos() : Map.of();
                long jvm0 = Cpu.jvm();
                long own0 = cpu.own(i, false);
                long user0 = cpu.own(i, true);
                Map<String, Long> threads0 = i == 0 ? Cpu.threadTicks(cpu.tether().pid()) : Map.of();
                Diagnostics diagnostics = r == 0 ? Diagnostics.start(name, i, cpu) : Diagnostics.NONE;
                values[i][r] = measure.at(ports[i]);
                diagnostics.stop();
                if (i == 0) {
                    Cpu.threadTicks(cpu.tether().pid()).forEach((thread, ticks) -> tetherThreads.merge(thread,
                            ticks - threads0.getOrDefault(thread, 0L), Long::sum));
                }
                jvm[i][r] = (Cpu.jvm() - jvm0) / 1000.0 / units;
                machine[i][r] = (Cpu.machineBusyTicks() - machine0) * 10_000.0 / units;
                if (PROCESS_CPU) {
                    int side = i;
                    Cpu.processNanos().forEach((process, ticks) -> byProcess[side].merge(process,
                            ticks - processes0.getOrDefault(process, 0L), Long::sum));
                }
                own[i][r] = (cpu.own(i, false) - own0) / 1000.0 / units;
                user[i][r] = (cpu.own(i, true) - user0) / 1000.0 / units;
            }
        }
        double t = median(values[0]);
        double o = median(values[1]);
        double g = median(values[2]);
        report.add(String.format(Locale.ROOT, "%-30s %12.1f %12.1f %12.1f %9.2fx %9.2fx   runs T=%s O=%s G=%s", name,
                t, o, g, t / o, t / g, fmt(values[0]), fmt(values[1]), fmt(values[2])));
        double[] tetherCpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            tetherCpu[r] = TETHER_PROCESS ? own[0][r] : jvm[0][r] - (jvm[1][r] + jvm[2][r]) / 2;
        }
        double tc = median(tetherCpu);
        double oc = median(own[1]);
        double gc = median(own[2]);
        report.add(String.format(Locale.ROOT, "%-30s %12.1f %12.1f %12.1f %9.2fx %9.2fx   I/O thread %.1f; user-mode: "
                + "I/O thread %.1f, ssh %.1f, ssh-gcm %.1f", "  CPU us/" + unit + " (lower better)", tc, oc, gc, tc / oc,
                tc / gc, median(own[0]), median(user[0]), median(user[1]), median(user[2])));
        StringBuilder busiest = new StringBuilder(TETHER_PROCESS ? "  threads of the tether forward process, CPU ms:"
                : "  JVM threads during Tether's rounds (the load generator's too), CPU ms:");
        tetherThreads.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> busiest.append(' ').append(e.getKey()).append('=').append(e.getValue() * 10));
        report.add(busiest.toString());
        double tm = median(machine[0]);
        double om = median(machine[1]);
        double gm = median(machine[2]);
        report.add(String.format(Locale.ROOT, "%-30s %12.1f %12.1f %12.1f %9.2fx %9.2fx   every process on the machine "
                + "(load generator, sshd, the client)", "  machine CPU us/" + unit, tm, om, gm, tm / om, tm / gm));
        if (PROCESS_CPU) {
            for (int i : new int[] {0, 2}) {
                StringBuilder line = new StringBuilder(i == 0 ? "    by process, Tether's rounds, us/" + unit + ":"
                        : "    by process, ssh-gcm's rounds, us/" + unit + ":");
                byProcess[i].entrySet().stream().filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                        .forEach(e -> line.append(' ').append(e.getKey()).append('=').append(String.format(Locale.ROOT,
                                "%.0f", e.getValue() / 1000.0 / units / rounds)));
                report.add(line.toString());
            }
        }
    }

    /**
     * Optional looks inside the first round of a measure, for finding where the time goes:
     * {@code -Dbench.syscalls=true} prints {@code perf trace -s} of the client and every sshd session process (Tether
     * and ssh-gcm sides; needs perf and root), {@code -Dbench.perfRecord=DIR} records their CPU samples with call
     * graphs into {@code DIR/MEASURE-tether.data} and {@code DIR/MEASURE-ssh-gcm.data} ({@code perf report -i}), {@code -Dbench.profile=FILE -Dbench.asyncProfiler=LIB.so} records
     * async-profiler's collapsed CPU stacks of the {@code tether forward} process during the measure named by
     * {@code -Dbench.profileMeasure} (default: download), with {@code -Dbench.profileEvent} as what it samples (default
     * {@code event=cpu,interval=1ms}; {@code event=java.lang.Throwable.<init>} shows where exceptions are made).
     */
    private record Diagnostics(Process perf, Path perfOut, Process record, String label, String profiledPid) {
        static final Diagnostics NONE = new Diagnostics(null, null, null, null, null);

        static Diagnostics start(String measure, int side, Cpu cpu) throws Exception {
            Process perf = null;
            Path perfOut = null;
            Process record = null;
            String recordDir = System.getProperty("bench.perfRecord");
            if ((Boolean.getBoolean("bench.syscalls") || recordDir != null) && side != 1) {
                String sshd = new String(new ProcessBuilder("pgrep", "-d,", "-f", "sshd: root").start()
                        .getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
                String client = side == 2 ? String.valueOf(cpu.opensshGcm().pid())
                        : TETHER_PROCESS ? cpu.tether().pid() : String.valueOf(ProcessHandle.current().pid());
                String pids = sshd.isEmpty() ? client : client + "," + sshd;
                if (Boolean.getBoolean("bench.syscalls")) {
                    perfOut = Files.createTempFile("bench-perf", ".txt");
                    perf = new ProcessBuilder("perf", "trace", "-s", "-p", pids, "-o", perfOut.toString())
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                }
                if (recordDir != null) {
                    Path data = Path.of(recordDir, measure.split(" ")[0] + "-" + (side == 0 ? "tether" : "ssh-gcm")
                            + ".data");
                    record = new ProcessBuilder("perf", "record", "-F", "4999", "-g", "-p", pids, "-o", data.toString())
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                }
                Thread.sleep(1500); // perf attaches
            }
            String profile = System.getProperty("bench.profile");
            String pid = null;
            if (profile != null && side == 0 && TETHER_PROCESS
                    && measure.startsWith(System.getProperty("bench.profileMeasure", "download"))) {
                pid = cpu.tether().pid();
                asyncProfiler(pid, "start," + System.getProperty("bench.profileEvent", "event=cpu,interval=1ms"));
            }
            return new Diagnostics(perf, perfOut, record, measure + ", side " + side, pid);
        }

        void stop() throws Exception {
            if (profiledPid != null) {
                asyncProfiler(profiledPid, "stop,file=" + System.getProperty("bench.profile"));
            }
            if (record != null) {
                new ProcessBuilder("kill", "-INT", String.valueOf(record.pid())).start().waitFor();
                record.waitFor();
            }
            if (perf != null) {
                new ProcessBuilder("kill", "-INT", String.valueOf(perf.pid())).start().waitFor();
                perf.waitFor();
                System.out.println("=== system calls during " + label + " (0 Tether, 2 ssh-gcm)\n" + Files.readString(perfOut));
                Files.delete(perfOut);
            }
        }

        private static void asyncProfiler(String pid, String command) throws Exception {
            new ProcessBuilder("jcmd", pid, "JVMTI.agent_load", System.getProperty("bench.asyncProfiler"),
                    "\"" + command + "\"").inheritIO().start().waitFor();
        }
    }

    private static String fmt(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(text.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return text.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    /** Median microseconds of {@code count} 64-byte request/response round trips on one connection. */
    private static double roundTrips(int port, int count) throws IOException {
        try (Socket socket = TunnelLoad.connect(port)) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write('E');
            byte[] message = new byte[64];
            long[] times = new long[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                out.write(message);
                in.readFully(message);
                times[i] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            return times[count / 2] / 1000.0;
        }
    }

    private static String congestionControl() {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv4/tcp_congestion_control")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() throws IOException {
        return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
    }

    private static String sshVersion() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ssh", "-V").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return text;
    }
}
