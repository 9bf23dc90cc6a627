package app.tether;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.inventory.SshServer;
import app.tether.probe.StatusRefresher;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.CliRunner;
import app.tether.testing.Interop;
import app.tether.testing.OpenSshForward;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import app.tether.testing.TetherForwardProcess;
import app.tether.testing.TunnelLoad;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measures of issue 14 in one run, each as a ratio against its baseline on the same machine and the same
 * loopback sshd: whole processes (median of {@code bench.runs}, default 5, run alternately so drifting load
 * hits both alike) for {@code tether --version}, {@code list}, {@code exec} and {@code status} against
 * {@code java -version} and OpenSSH without ControlMaster; a status refresh of 50 servers; and a
 * {@code tether forward} process against {@code ssh -N -L} (default cipher and forced to aes128-gcm) for 100
 * connections at once and bulk throughput. Tether runs the way the app image runs it: a thin jar plus the
 * library jars on the class path, once plain and once with an AppCDS archive made by a training run.
 * Printed, not asserted: {@code ./mvnw -B -Pbench test -Dtest=SpeedBenchmark} (or {@code -Dtether.bench=true}).
 */
@Tag("bench")
class SpeedBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final long BULK_BYTES = Long.getLong("bench.bulkMiB", 256) * 1024 * 1024;
    private static final int CONCURRENT = 100;
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private final List<String> report = new ArrayList<>();

    @Test
    void ratiosAgainstJavaAndOpenSsh() throws Exception {
        Interop.requireProgram("/usr/bin/ssh");
        Interop.requireProgram("/usr/bin/time");
        Path bin = fakeNvidiaSmi();
        try (SshTestbed testbed = SshTestbed.start(dir, "SetEnv PATH=" + bin + ":/usr/bin:/bin")) {
            Path sshConfig = sshConfig(testbed);
            CliRunner cli = CliRunner.of(testbed.environment());
            assertEquals(0, cli.run("add", "ssh", "bench", "--ssh-alias", "bench"), cli.err());
            for (int i = 1; i <= 9; i++) {
                assertEquals(0, cli.run("add", "ssh", "gpu" + i, "--host", "gpu" + i + ".example"), cli.err());
            }
            String classPath = jarClassPath();
            Path archive = trainArchive(testbed, classPath);
            List<String> plain = List.of(JAVA, "-cp", classPath, "app.tether.Main");
            List<String> cds = List.of(JAVA, "-XX:SharedArchiveFile=" + archive, "-cp", classPath, "app.tether.Main");
            List<String> ssh = List.of("/usr/bin/ssh", "-F", sshConfig.toString());

            add(String.format(Locale.ROOT, "Issue 14 speed benchmark: median of %d whole-process runs; %s; %s; "
                    + "%d CPUs", RUNS, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    sshVersion(), Runtime.getRuntime().availableProcessors()));
            add(String.format(Locale.ROOT, "%-44s %10s %10s %8s %8s  %s", "measure", "Tether", "baseline",
                    "wall", "cpu", "goal"));
            List<String> javaVersion = List.of(JAVA, "-version");
            for (List<String> launcher : List.of(plain, cds)) {
                String how = launcher == cds ? " (CDS)" : "";
                compare(testbed, "tether --version" + how + " / java -version", "<= 2.5x", with(launcher, "--version"),
                        javaVersion);
                compare(testbed, "tether list" + how + " / java -version", "<= 2.5x", with(launcher, "list"),
                        javaVersion);
                compare(testbed, "tether exec, no instance" + how + " / ssh true", "<= 4x",
                        with(launcher, "exec", "bench", "--", "true"), with(ssh, "bench", "true"));
                compare(testbed, "tether status --json, no instance" + how + " / ssh nvidia-smi", "(<= 1.5x with "
                        + "instance)", with(launcher, "status", "bench", "--json"),
                        with(ssh, "bench", "nvidia-smi", "--query-gpu=index,name,utilization.gpu,memory.used,"
                                + "memory.total", "--format=csv,noheader,nounits"));
            }
            // INSTANCE MEASURES: `tether exec NAME -- true` and `tether status NAME --json` with the per-user
            // instance running (goals <= 1.5x) are measured by instance/InstanceBenchmark, which starts the
            // instance; here every command runs in its own process (TETHER_INSTANCE=off).
            refreshOfFiftyServers(testbed);
            tunnels(testbed, cds);
        }
        System.out.println(String.join("\n", report));
    }

    /** Prints each line as soon as it is measured (a long run shows progress) and keeps it for the summary. */
    private void add(String line) {
        System.out.println(line);
        report.add(line);
    }

    // ---- whole processes ---------------------------------------------------------------------------

    /** Runs both commands {@link #RUNS} times, alternately, after one warm-up each; adds medians and ratios. */
    private void compare(SshTestbed testbed, String name, String goal, List<String> tether, List<String> baseline)
            throws Exception {
        run(testbed, tether);
        run(testbed, baseline);
        double[][] wall = new double[2][RUNS];
        double[][] cpu = new double[2][RUNS];
        for (int r = 0; r < RUNS; r++) {
            double[] t = run(testbed, tether);
            double[] b = run(testbed, baseline);
            wall[0][r] = t[0];
            cpu[0][r] = t[1];
            wall[1][r] = b[0];
            cpu[1][r] = b[1];
        }
        double tw = median(wall[0]);
        double bw = median(wall[1]);
        add(String.format(Locale.ROOT, "%-44s %8.0fms %8.0fms %7.2fx %7.2fx  %s   cpu %.0f/%.0f ms", name, tw,
                bw, tw / bw, median(cpu[0]) / median(cpu[1]), goal, median(cpu[0]), median(cpu[1])));
    }

    /** Wall and CPU (user + system, from /usr/bin/time) milliseconds of one whole process; it must exit 0. */
    private double[] run(SshTestbed testbed, List<String> command) throws Exception {
        Path times = dir.resolve("time.txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%U %S"));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.out").toFile());
        environment(builder, testbed);
        long start = System.nanoTime();
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command + " did not finish");
        double wall = (System.nanoTime() - start) / 1e6;
        assertEquals(0, process.exitValue(), command + ": " + Files.readString(dir.resolve("run.out")));
        String[] cpu = Files.readAllLines(times).get(Files.readAllLines(times).size() - 1).trim().split(" ");
        return new double[] {wall, (Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1])) * 1000};
    }

    private static void environment(ProcessBuilder builder, SshTestbed testbed) {
        Map<String, String> env = builder.environment();
        env.put("TETHER_HOME", testbed.environment().home().toString());
        env.put("HOME", testbed.home().toString());
        env.put("TETHER_INSTANCE", "off");
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("SSH_AUTH_SOCK");
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
    }

    private static List<String> with(List<String> launcher, String... args) {
        return Stream.concat(launcher.stream(), Arrays.stream(args)).toList();
    }

    /**
     * The application as the app image holds it: target/classes packed into a jar (CDS archives only jars) and the
     * library jars of the test class path, without the test-only ones.
     */
    private String jarClassPath() throws IOException {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        Path jar = dir.resolve("tether-thin.jar");
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow();
        assertEquals(0, tool.run(System.out, System.err, "--create", "--file", jar.toString(), "-C",
                classes.toString(), "."));
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .filter(e -> !e.contains("junit") && !e.contains("testfx") && !e.contains("archunit")
                        && !e.contains("opentest4j") && !e.contains("apiguardian") && !e.contains("hamcrest")
                        && !e.contains("assertj") && !e.contains("monocle") && !e.contains("surefire"))
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    /**
     * A static AppCDS archive of the classes {@code list}, {@code show}, {@code exec} and {@code status} load
     * (JDK 17: class lists from training runs, then {@code -Xshare:dump}); how the app image would make its own.
     */
    private Path trainArchive(SshTestbed testbed, String classPath) throws Exception {
        List<String> all = new ArrayList<>();
        List<List<String>> trainings = List.of(List.of("--version"), List.of("list"), List.of("show", "bench"),
                List.of("exec", "bench", "--", "true"), List.of("status", "bench", "--json"));
        for (int i = 0; i < trainings.size(); i++) {
            Path list = dir.resolve("classes-" + i + ".lst");
            run(testbed, with(List.of(JAVA, "-XX:DumpLoadedClassList=" + list, "-cp", classPath, "app.tether.Main"),
                    trainings.get(i).toArray(String[]::new)));
            all.addAll(Files.readAllLines(list));
        }
        Path classList = dir.resolve("classes.lst");
        Files.write(classList, all.stream().distinct().toList());
        Path archive = dir.resolve("tether.jsa");
        run(testbed, List.of(JAVA, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive, "-cp", classPath));
        return archive;
    }

    // ---- status refresh ----------------------------------------------------------------------------

    /** Rounds after the first (which connects): every one of 50 servers probed again, through the pool. */
    private void refreshOfFiftyServers(SshTestbed testbed) throws Exception {
        List<SshServer> fifty = IntStream.range(0, 50).mapToObj(i -> SshServer.ofHost("gpu" + i, "127.0.0.1",
                OpenSshServer.user(), testbed.server().port(), testbed.key().toString(), null)).toList();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        Map<String, String> errors = new ConcurrentHashMap<>();
        try (SshSessions sessions = new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN,
                SshPrompts.NONE, Duration.ofSeconds(10), null);
                StatusRefresher refresher = new StatusRefresher(sessions, () -> fifty, s -> {
                    if (!s.online()) {
                        errors.put(s.target(), String.valueOf(s.error()));
                    }
                    seen.merge(s.target(), 1, Integer::sum);
                })) {
            refresher.setInterval(Duration.ofHours(1));
            long start = System.nanoTime();
            refresher.start();
            awaitRound(seen, 1);
            double first = (System.nanoTime() - start) / 1e6;
            double[] rounds = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
                long t = System.nanoTime();
                fifty.forEach(s -> refresher.refreshNow(s.name()));
                awaitRound(seen, r + 2);
                rounds[r] = (System.nanoTime() - t) / 1e6;
            }
            add(String.format(Locale.ROOT, "%-44s %8.0fms %10s %8s %8s  %s   first round (50 connects) %.0f ms; "
                    + "offline answers: %d %s", "status refresh of 50 servers, per round", median(rounds), "-", "-", "-",
                    "< 2000 ms", first, errors.size(), errors.values().stream().distinct().limit(2).toList()));
        }
    }

    private static void awaitRound(Map<String, Integer> seen, int round) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (seen.size() < 50 || seen.values().stream().anyMatch(n -> n < round)) {
            assertTrue(System.nanoTime() < deadline, "round " + round + " did not finish: " + seen);
            Thread.sleep(2);
        }
    }

    // ---- tunnels -----------------------------------------------------------------------------------

    /** A {@code tether forward} process (with the CDS archive) against {@code ssh -N -L}, both to one service. */
    private void tunnels(SshTestbed testbed, List<String> launcher) throws Exception {
        try (TunnelLoad.BenchService service = new TunnelLoad.BenchService();
                TetherForwardProcess tether = TetherForwardProcess.start(testbed, launcher, "bench",
                        "0:127.0.0.1:" + service.port(), dir);
                OpenSshForward openssh = OpenSshForward.start(testbed, service.port(), List.of());
                OpenSshForward gcm = OpenSshForward.start(testbed, service.port(),
                        List.of("-c", "aes128-gcm@openssh.com"))) {
            int[] ports = {tether.port(), openssh.port(), gcm.port()};
            for (int port : ports) { // warm-up: JIT for Tether, connection setup for all
                TunnelLoad.upload(port, 32L << 20);
                TunnelLoad.download(port, 32L << 20);
                TunnelLoad.concurrent(port, 20);
            }
            tunnelMeasure("100 new tunnel connections at once, conn/s", ">= 1.0x gcm", ports,
                    port -> CONCURRENT / (TunnelLoad.concurrent(port, CONCURRENT) / 1e9));
            tunnelMeasure("tunnel bulk upload, MiB/s", ">= 0.9x gcm", ports,
                    port -> BULK_BYTES / 1048576.0 / (TunnelLoad.upload(port, BULK_BYTES) / 1e9));
            tunnelMeasure("tunnel bulk download, MiB/s", ">= 0.9x gcm", ports,
                    port -> BULK_BYTES / 1048576.0 / (TunnelLoad.download(port, BULK_BYTES) / 1e9));
        }
    }

    private interface PortMeasure {
        double at(int port) throws Exception;
    }

    /** Tether, OpenSSH default cipher, OpenSSH aes128-gcm, alternately; ratios Tether/OpenSSH (higher better). */
    private void tunnelMeasure(String name, String goal, int[] ports, PortMeasure measure) throws Exception {
        double[][] values = new double[3][RUNS];
        for (int r = 0; r < RUNS; r++) {
            for (int i = 0; i < 3; i++) {
                values[i][r] = measure.at(ports[i]);
            }
        }
        double t = median(values[0]);
        double o = median(values[1]);
        double g = median(values[2]);
        add(String.format(Locale.ROOT, "%-44s %10.0f %10.0f %7.2fx %8s  %s   (default cipher %.0f: %.2fx)",
                name + " / ssh -L gcm", t, g, t / g, "-", goal, o, t / o));
    }

    // ---- set-up ------------------------------------------------------------------------------------

    /** nvidia-smi for the sshd's PATH, printing a real 8-GPU capture. */
    private Path fakeNvidiaSmi() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("remote-bin"));
        Path capture = Path.of("src/test/resources/fixtures/nvidia-smi/csv-8xH100-80GB-HBM3-load-ansible-run-UNVERIFIED-REPO.csv");
        Files.copy(capture, bin.resolve("gpus.out"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\ncase \"$*\" in *--query-gpu=*) cat \"$(dirname \"$0\")/gpus.out\" ;; esac\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /** {@code Host bench} in the fake HOME's ~/.ssh/config, read by both Tether and OpenSSH (no ControlMaster). */
    private static Path sshConfig(SshTestbed testbed) throws IOException {
        Path config = testbed.home().resolve(".ssh/config");
        Files.writeString(config, String.join("\n",
                "Host bench",
                "  HostName 127.0.0.1",
                "  Port " + testbed.server().port(),
                "  User " + OpenSshServer.user(),
                "  IdentityFile " + testbed.key(),
                "  IdentitiesOnly yes",
                "  UserKnownHostsFile " + testbed.home().resolve(".ssh/known_hosts"),
                "  StrictHostKeyChecking yes",
                "  BatchMode yes",
                "  ControlMaster no",
                "  ControlPath none",
                ""));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        return config;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String sshVersion() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ssh", "-V").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return text;
    }
}
