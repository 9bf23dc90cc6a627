package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code tether exec} against a real sshd: output, exit codes 0..255, 3 and 4, and the host key flag. */
@ExtendWith(EnglishMessages.class)
@Tag("interop")
class ExecCommandTest {
    @TempDir
    Path dir;

    private SshTestbed bed;
    private CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        bed = SshTestbed.start(dir);
        cli = CliRunner.withTestSessions(bed.environment());
        assertEquals(0, run("add", "ssh", "gpu", "--host", "127.0.0.1", "--port", String.valueOf(bed.server().port()),
                "--user", OpenSshServer.user(), "--identity", bed.key().toString()), cli.err());
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void streamsOutputAndExitsWithTheRemoteCode() {
        assertEquals(42, run("exec", "gpu", "--", "sh", "-c", "echo out; echo err >&2; exit 42"));
        assertEquals(List.of("out"), cli.out().lines().toList());
        assertEquals(List.of("err"), cli.err().lines().toList());
        assertEquals(0, run("exec", "gpu", "--", "printf", "%s|", "a b", "$(id)", "it's"));
        assertEquals("a b|$(id)|it's|", cli.out().strip());
    }

    @Test
    void timeoutStopsTheCommandWithExitOne() {
        assertEquals(1, run("exec", "--timeout", "1", "gpu", "--", "sleep", "30"));
        assertTrue(cli.err().contains("did not finish within 1 seconds"), cli.err());
    }

    @Test
    void unknownHostKeyExitsFourAndTheFlagTrustsIt() throws Exception {
        Path knownHosts = bed.environment().knownHosts();
        Files.delete(knownHosts);
        assertEquals(4, run("exec", "gpu", "--", "true"));
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.err().contains("--accept-new-host-key") && cli.err().contains("SHA256:"), cli.err());
        assertTrue(Files.notExists(knownHosts));

        assertEquals(0, run("--accept-new-host-key", "exec", "gpu", "--", "true"), cli.err());
        assertEquals(1, Files.readAllLines(knownHosts).size());
        assertEquals(0, run("exec", "gpu", "--", "true"), cli.err());

        Files.delete(knownHosts);
        assertEquals(0, run("exec", "--accept-new-host-key", "gpu", "--", "true"), cli.err());
        assertEquals(1, Files.readAllLines(knownHosts).size());
    }

    @Test
    void changedHostKeyExitsFourAndLeavesKnownHostsAlone() throws Exception {
        Path knownHosts = bed.environment().knownHosts();
        byte[] before = Files.readAllBytes(knownHosts);
        bed.server().regenerateHostKeys();
        bed.server().restart();
        assertEquals(4, run("exec", "gpu", "--", "true"));
        assertTrue(cli.err().contains("CHANGED") && cli.err().contains(knownHosts.toString()), cli.err());
        assertEquals(4, run("--accept-new-host-key", "exec", "gpu", "--", "true"));
        assertArrayEquals(before, Files.readAllBytes(knownHosts));
    }

    @Test
    void cannotConnectExitsThree() throws Exception {
        bed.server().stop();
        assertEquals(3, run("exec", "gpu", "--", "true"));
        assertTrue(cli.err().contains("refused"), cli.err());
    }

    @Test
    void cannotLogInExitsThree() throws Exception {
        Path stranger = OpenSshServer.generateKey(dir.resolve("stranger"), "ed25519", "");
        assertEquals(0, run("add", "ssh", "other", "--host", "127.0.0.1", "--port",
                String.valueOf(bed.server().port()), "--user", OpenSshServer.user(), "--identity", stranger.toString()));
        assertEquals(3, run("exec", "other", "--", "true"));
        assertTrue(cli.err().contains("publickey"), cli.err());
    }

    @Test
    void unknownTargetAndMissingCommand() {
        assertEquals(1, run("exec", "ghost", "--", "true"));
        assertEquals(2, run("exec", "gpu"));
    }
}
