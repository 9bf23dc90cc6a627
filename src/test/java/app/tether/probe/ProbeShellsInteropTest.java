package app.tether.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.SshServer;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.SshTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standing probe shells against a real OpenSSH server: one shell serves many probes, and a lost one is replaced. */
@Tag("interop")
class ProbeShellsInteropTest {
    @TempDir
    Path dir;

    private SshTestbed testbed;
    private SshSessions sessions;
    private ProbeShells shells;
    private Path bin;

    @BeforeEach
    void start() throws Exception {
        bin = Files.createDirectories(dir.resolve("remote-bin"));
        Files.writeString(bin.resolve("gpus.out"), NvidiaSmiFixtures.read("csv-8xH100-80GB-HBM3-load-ansible-run-UNVERIFIED-REPO.csv"));
        fakeNvidiaSmi("");
        testbed = SshTestbed.start(dir, "SetEnv PATH=" + bin + ":/usr/bin:/bin");
        sessions = new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE,
                Duration.ofSeconds(10), null);
        shells = new ProbeShells(sessions, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() throws Exception {
        shells.close();
        sessions.close();
        testbed.close();
    }

    /** nvidia-smi printing the 8-GPU capture, after running {@code before} (shell text). */
    private void fakeNvidiaSmi(String before) throws Exception {
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n" + before + "\ncase \"$*\" in *--query-gpu=*) cat \"$(dirname \"$0\")/gpus.out\" ;; esac\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The probe shells running on the server now: sh processes started by its sshd (not nvidia-smi's sh). */
    private List<Long> remoteShells() {
        return ProcessHandle.of(testbed.server().pid()).orElseThrow().descendants()
                .filter(p -> command(p).endsWith("/sh") || command(p).endsWith("/dash"))
                .filter(p -> p.parent().map(parent -> command(parent).endsWith("/sshd")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private static String command(ProcessHandle process) {
        return process.info().command().orElse("");
    }

    @Test
    void oneShellOnTheServerAnswersEveryProbe() {
        SshServer target = testbed.target("gpu1");
        ServerStatus first = shells.probe(target);
        assertTrue(first.online(), String.valueOf(first));
        assertEquals(8, first.gpus().size());
        List<Long> shellsAfterFirst = remoteShells();
        assertEquals(1, shellsAfterFirst.size(), shellsAfterFirst.toString());
        for (int i = 0; i < 5; i++) {
            ServerStatus again = shells.probe(target);
            assertTrue(again.online(), String.valueOf(again));
            assertEquals(8, again.gpus().size());
            assertTrue(again.host().cpuCount() > 0 && again.host().memoryTotalMiB() > 0, again.host().toString());
        }
        assertEquals(shellsAfterFirst, remoteShells(), "the same shell answered all six probes");
    }

    @Test
    void aShellThatDiedIsReplacedAndTheProbeStillAnswers() throws Exception {
        SshServer target = testbed.target("gpu1");
        assertTrue(shells.probe(target).online());
        long shell = remoteShells().get(0);
        ProcessHandle.of(shell).orElseThrow().destroyForcibly();
        ProcessHandle.of(shell).ifPresent(p -> p.onExit().join());
        ServerStatus after = shells.probe(target);
        assertTrue(after.online(), String.valueOf(after));
        assertEquals(8, after.gpus().size());
        assertNotEquals(List.of(shell), remoteShells());
    }

    @Test
    void aProbeThatTakesTooLongClosesItsShellAndTheNextOneStartsAnew() throws Exception {
        SshServer target = testbed.target("gpu1");
        assertTrue(shells.probe(target).online());
        List<Long> before = remoteShells();
        fakeNvidiaSmi("sleep 8");
        ServerStatus slow = shells.probe(target, Duration.ofSeconds(3));
        assertEquals(Reachability.OFFLINE, slow.reachability());
        assertTrue(slow.error().contains("3 seconds"), slow.error());
        fakeNvidiaSmi("");
        ServerStatus next = shells.probe(target);
        assertTrue(next.online(), String.valueOf(next));
        assertEquals(8, next.gpus().size(), "no output of the slow probe mixed into this one");
        assertTrue(remoteShells().stream().anyMatch(pid -> !before.contains(pid)), "a new shell answered");
        // The old one sees its input end and exits once the command it waits for ends (nvidia-smi is bounded by
        // timeout(1)); sshd only passes TERM on to non-root sessions, so it is not killed at once here.
        ProcessHandle.of(before.get(0)).ifPresent(old -> assertTrue(old.onExit().completeOnTimeout(null, 60,
                java.util.concurrent.TimeUnit.SECONDS).join() != null, "the slow probe's shell ended"));
    }

    @Test
    void aForgottenTargetsShellEnds() throws Exception {
        SshServer target = testbed.target("gpu1");
        assertTrue(shells.probe(target).online());
        ProcessHandle shell = ProcessHandle.of(remoteShells().get(0)).orElseThrow();
        shells.forget(target.name());
        shell.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
