package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Messages;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tether exec} against a real sshd: output, exit codes 0..255, 3 and 4, and the host key flag. */
@Tag("interop")
class ExecCommandTest {
    @TempDir
    Path dir;

    private SshTestbed bed;
    private String out;
    private String err;

    @BeforeEach
    void start() throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        bed = SshTestbed.start(dir);
        assertEquals(0, run("add", "ssh", "gpu", "--host", "127.0.0.1", "--port", String.valueOf(bed.server().port()),
                "--user", OpenSshServer.user(), "--identity", bed.key().toString()), err);
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
        Messages.setLocale(Messages.defaultLocale());
    }

    private int run(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        CliContext context = new CliContext(bed.environment(), new PrintWriter(outText), new PrintWriter(errText));
        // No agent from the developer's environment, no terminal prompts: only the testbed's key.
        context.sshSessionsFactory(() -> new SshSessions(bed.environment(), context.hostKeyPolicy(), SshPrompts.NONE,
                Duration.ofSeconds(10), null));
        int code = Cli.run(args, context);
        out = outText.toString();
        err = errText.toString();
        return code;
    }

    @Test
    void streamsOutputAndExitsWithTheRemoteCode() {
        assertEquals(42, run("exec", "gpu", "--", "sh", "-c", "echo out; echo err >&2; exit 42"));
        assertEquals(List.of("out"), out.lines().toList());
        assertEquals(List.of("err"), err.lines().toList());
        assertEquals(0, run("exec", "gpu", "--", "printf", "%s|", "a b", "$(id)", "it's"));
        assertEquals("a b|$(id)|it's|", out.strip());
    }

    @Test
    void timeoutStopsTheCommandWithExitOne() {
        assertEquals(1, run("exec", "--timeout", "1", "gpu", "--", "sleep", "30"));
        assertTrue(err.contains("did not finish within 1 seconds"), err);
    }

    @Test
    void unknownHostKeyExitsFourAndTheFlagTrustsIt() throws Exception {
        Path knownHosts = bed.environment().knownHosts();
        Files.delete(knownHosts);
        assertEquals(4, run("exec", "gpu", "--", "true"));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("--accept-new-host-key") && err.contains("SHA256:"), err);
        assertTrue(Files.notExists(knownHosts));

        assertEquals(0, run("--accept-new-host-key", "exec", "gpu", "--", "true"), err);
        assertEquals(1, Files.readAllLines(knownHosts).size());
        assertEquals(0, run("exec", "gpu", "--", "true"), err);

        Files.delete(knownHosts);
        assertEquals(0, run("exec", "--accept-new-host-key", "gpu", "--", "true"), err);
        assertEquals(1, Files.readAllLines(knownHosts).size());
    }

    @Test
    void changedHostKeyExitsFourAndLeavesKnownHostsAlone() throws Exception {
        Path knownHosts = bed.environment().knownHosts();
        byte[] before = Files.readAllBytes(knownHosts);
        bed.server().regenerateHostKeys();
        bed.server().restart();
        assertEquals(4, run("exec", "gpu", "--", "true"));
        assertTrue(err.contains("CHANGED") && err.contains(knownHosts.toString()), err);
        assertEquals(4, run("--accept-new-host-key", "exec", "gpu", "--", "true"));
        assertArrayEquals(before, Files.readAllBytes(knownHosts));
    }

    @Test
    void cannotConnectExitsThree() throws Exception {
        bed.server().stop();
        assertEquals(3, run("exec", "gpu", "--", "true"));
        assertTrue(err.contains("refused"), err);
    }

    @Test
    void cannotLogInExitsThree() throws Exception {
        Path stranger = OpenSshServer.generateKey(dir.resolve("stranger"), "ed25519", "");
        assertEquals(0, run("add", "ssh", "other", "--host", "127.0.0.1", "--port",
                String.valueOf(bed.server().port()), "--user", OpenSshServer.user(), "--identity", stranger.toString()));
        assertEquals(3, run("exec", "other", "--", "true"));
        assertTrue(err.contains("publickey"), err);
    }

    @Test
    void unknownTargetAndMissingCommand() {
        assertEquals(1, run("exec", "ghost", "--", "true"));
        assertEquals(2, run("exec", "gpu"));
    }
}
