package app.tether.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.inventory.SshServer;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.RemoteShell;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.EnglishMessages;
import app.tether.testing.Interop;
import app.tether.testing.OpenSshServer;
import app.tether.testing.RecordingSshServer;
import app.tether.testing.ScriptedPrompts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * StatusProbe against an embedded MINA server that records every command it is sent and answers with canned
 * output built from real nvidia-smi captures: the exact command on the wire, one round trip per probe, one
 * pooled session for many probes.
 */
@ExtendWith(EnglishMessages.class)
class StatusProbeEmbeddedServerTest {
    @TempDir
    static Path dir;

    static RecordingSshServer server;
    static Environment environment;
    static SshServer target;
    static volatile String cannedOutput = "";
    static volatile int cannedExit;
    static volatile boolean cannedAtLogin; // printed and ended before reading the script, as nologin does

    private SshSessions sessions;

    @BeforeAll
    static void start() throws Exception {
        Interop.requireProgram("/usr/bin/ssh-keygen");
        server = RecordingSshServer.withAnyPublicKey(dir,
                command -> cannedAtLogin ? RecordingSshServer.Reply.atLogin(cannedOutput, cannedExit)
                        : new RecordingSshServer.Reply(cannedOutput, "", cannedExit));
        environment = server.trustingEnvironment(dir);
        Path key = OpenSshServer.generateKey(environment.sshDir(), "ed25519", "");
        target = server.target("embedded", "tester", key.toString());
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void open() {
        server.forgetCommands();
        cannedExit = 0;
        cannedAtLogin = false;
        sessions = new SshSessions(environment, HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE, Duration.ofSeconds(10), null);
    }

    @AfterEach
    void close() {
        sessions.close();
    }

    /** What the probe script would print on a host with these GPUs and processes. */
    private static String scriptOutput(String gpuCsv, int gpuExit, String appsCsv) {
        return "motd noise from .bashrc\n" + ProbeScript.BEGIN + "\n"
                + "hostname canned-host\n"
                + "os-release PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\n"
                + "uname Linux 6.8.0-45-generic\n"
                + "uptime 90061.52 170000.00\n"
                + "loadavg 7.50 6.25 5.00 9/2000 12345\n"
                + "cpus 96\n"
                + "meminfo MemTotal:       2113536000 kB\n"
                + "meminfo MemAvailable:   1056768000 kB\n"
                + "df /dev/md0 7501211648 3000000000 4501211648  40% /home\n"
                + ProbeScript.GPUS + "\n" + gpuCsv + "\n" + ProbeScript.EXIT + gpuExit + "\n"
                + ProbeScript.APPS + "\n" + appsCsv + "\n" + ProbeScript.EXIT + "0\n"
                + ProbeScript.END + "\n";
    }

    @Test
    void sendsTheConstantScriptOnceAndReadsTheAnswer() {
        cannedOutput = scriptOutput(NvidiaSmiFixtures.read("csv-8xH100-80GB-HBM3-load-ansible-run-UNVERIFIED-REPO.csv"), 0,
                NvidiaSmiFixtures.read("compute-apps-empty-header-only-1xH100-idle-drv590-nvidia_gpu_exporter.csv"));
        cannedExit = 0;
        ServerStatus status = new StatusProbe(sessions).probe(target);

        assertEquals(List.of(RemoteShell.quote(List.of("sh", "-c", ProbeScript.SCRIPT))), server.commands());
        assertTrue(server.commands().get(0).startsWith("sh -c 'LC_ALL=C; export LC_ALL; "), server.commands().get(0));
        assertTrue(server.commands().get(0).lines().count() == 1, "one line, for csh users");
        assertEquals(Reachability.ONLINE, status.reachability());
        assertNull(status.error());
        assertEquals("embedded", status.target());
        assertEquals(new HostFacts("canned-host", "Ubuntu 24.04.1 LTS", 90061, 7.5, 6.25, 5.0, 96,
                2113536000L / 1024, 1056768000L / 1024, 4501211648L / 1024), status.host());
        assertEquals(GpuAvailability.AVAILABLE, status.gpuAvailability());
        assertEquals(8, status.gpus().size());
        assertEquals(78942L, status.gpus().get(0).memoryUsedMiB());
        assertEquals(List.of(), status.processes());
    }

    @Test
    void manyProbesShareOnePooledSession() {
        cannedOutput = scriptOutput("0, NVIDIA A100-SXM4-40GB, GPU-1, 3, 1, 400, 40960, 31, 55.5, 400.0", 0, "");
        int before = server.sessionsOpened();
        StatusProbe probe = new StatusProbe(sessions);
        for (int i = 0; i < 3; i++) {
            assertEquals("NVIDIA A100-SXM4-40GB", probe.probe(target).gpus().get(0).name());
        }
        assertEquals(3, server.commands().size());
        assertEquals(before + 1, server.sessionsOpened());
    }

    @Test
    void aDriverFailureInTheGpuSectionIsNoDriver() {
        cannedOutput = scriptOutput(NvidiaSmiFixtures.read("error-nvml-driver-library-mismatch-one-line-shine-cluster-issue30.txt"),
                18, "");
        ServerStatus status = new StatusProbe(sessions).probe(target);
        assertEquals(Reachability.ONLINE, status.reachability());
        assertEquals(GpuAvailability.NO_DRIVER, status.gpuAvailability());
        assertEquals("The NVIDIA driver is not usable: Failed to initialize NVML: Driver/library version mismatch",
                status.gpuError());
    }

    @Test
    void anUnknownHostKeyIsReportedNotAsked() throws Exception {
        Environment empty = new Environment(Files.createDirectories(dir.resolve("tether2")), dir.resolve("home2"));
        Files.createDirectories(empty.sshDir());
        ScriptedPrompts counting = new ScriptedPrompts();
        try (SshSessions refusing = new SshSessions(empty, HostKeyPolicy.REFUSE_UNKNOWN, counting, Duration.ofSeconds(10), null)) {
            ServerStatus status = new StatusProbe(refusing).probe(target);
            assertEquals(Reachability.HOST_KEY_UNKNOWN, status.reachability());
            assertTrue(status.error().contains("not known"), status.error());
            assertEquals(List.of(), server.commands());
        }
        assertEquals(List.of(), counting.hostKeysAsked());
        assertEquals(List.of(), counting.passphrasesAsked());
        assertEquals(List.of(), counting.passwordsAsked());
    }

    /**
     * A login shell that cannot run anything (nologin) prints why and ends before the standing shell's script is sent;
     * the probe reports its words. It dropped them before (and the refresher test above flaked the same way: the
     * test server's shell answered before the script went, and the answer was thrown away).
     */
    @Test
    void aLoginShellThatEndsAtOnceIsReportedInItsOwnWords() {
        cannedOutput = "This account is currently not available.\n";
        cannedExit = 1;
        cannedAtLogin = true;
        for (int i = 0; i < 5; i++) {
            ProbeShells shells = new ProbeShells(sessions, Duration.ofSeconds(10));
            try {
                ServerStatus status = shells.probe(target);
                assertEquals(Reachability.ONLINE, status.reachability());
                assertEquals(GpuAvailability.ERROR, status.gpuAvailability());
                assertEquals("The server answered but could not run the status script: "
                        + "This account is currently not available.", status.gpuError());
            } finally {
                shells.close();
            }
        }
    }

    @Test
    void theRefresherReportsReachableAndUnreachableTargets() throws Exception {
        cannedOutput = scriptOutput("0, NVIDIA L4, GPU-1, 42, 10, 2000, 23034, 50, 30.0, 72.0", 0, "");
        SshServer down = SshServer.ofHost("down", "127.0.0.1", "tester", OpenSshServer.freePort(), target.identityFile(), null);
        Map<String, ServerStatus> seen = new ConcurrentHashMap<>();
        CountDownLatch both = new CountDownLatch(2);
        try (StatusRefresher refresher = new StatusRefresher(sessions, () -> List.of(target, down), s -> {
            if (seen.putIfAbsent(s.target(), s) == null) {
                both.countDown();
            }
        })) {
            refresher.start();
            assertTrue(both.await(60, TimeUnit.SECONDS), seen.toString());
            assertEquals(Reachability.ONLINE, seen.get("embedded").reachability());
            assertEquals(42.0, seen.get("embedded").gpus().get(0).utilizationPercent());
            // The history is kept by the refresher; later rounds may have added points behind the first.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (refresher.history().utilization("embedded", 0).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<Double> history = refresher.history().utilization("embedded", 0);
            assertFalse(history.isEmpty(), "no utilisation history for an online target");
            assertEquals(42.0, history.get(0));
            assertEquals(Reachability.OFFLINE, seen.get("down").reachability());
            assertTrue(seen.get("down").error().contains("refused"), seen.get("down").error());
        }
    }
}
