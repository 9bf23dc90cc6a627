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

    @Test
    void binaryOutputPassesThroughByteForByteWithoutAnAddedNewline() throws Exception {
        byte[] program = Files.readAllBytes(Path.of("/usr/bin/ls"));
        assertEquals(0, run("exec", "gpu", "--", "cat", "/usr/bin/ls"), cli.err());
        assertArrayEquals(program, cli.outBytes());
        assertEquals(0, run("exec", "gpu", "--", "printf", "abc"), cli.err());
        assertEquals("abc", cli.out());
        assertEquals(0, run("exec", "gpu", "--", "sh", "-c", "printf 'x\\377y' >&2"), cli.err());
        assertEquals("x\uFFFDy", cli.err()); // the one invalid byte arrives as one byte (decoded here for text)
    }

    @Test
    void stdinIsForwardedAndEndsWithEof() {
        cli.stdin("hi\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, run("exec", "gpu", "--", "cat"), cli.err());
        assertEquals("hi\n", cli.out());
        // No stdin: the command sees EOF at once instead of waiting.
        assertEquals(0, run("exec", "--timeout", "20", "gpu", "--", "cat"), cli.err());
        assertEquals("", cli.out());
    }

    @Test
    void timeoutStopsTheRemoteCommandItself() throws Exception {
        // sshd delivers "signal" requests only through its unprivileged session process, i.e. not for root logins.
        String user = "root".equals(System.getProperty("user.name")) ? "tether-test" : OpenSshServer.user();
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("id", "-u", user).start().waitFor() == 0,
                "no unprivileged account " + user + " (the Jupyter interop tests create it)");
        app.tether.jupyter.RemoteTestUser.openPathFor(bed.server().dir().resolve("authorized_keys"));
        assertEquals(0, run("add", "ssh", "plain", "--host", "127.0.0.1", "--port",
                String.valueOf(bed.server().port()), "--user", user, "--identity", bed.key().toString()), cli.err());
        assertEquals(1, run("exec", "--timeout", "2", "plain", "--", "sleep", "4141"));
        assertTrue(cli.err().contains("was stopped"), () -> cli.err() + sshdLog());
        assertEquals("", pgrep("-u", user, "-f", "sleep 4141"), "sleep still running");
    }

    @Test
    void aCommandTheServerWillNotSignalIsSaidToBeLeftRunning() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")));
        try {
            assertEquals(1, run("exec", "--timeout", "2", "gpu", "--", "sleep", "4242"));
            assertTrue(cli.err().contains("may still be running"), cli.err());
            assertTrue(sshdLog().contains("session signalling requires privilege separation"), sshdLog());
            assertTrue(!pgrep("-u", "root", "-f", "sleep 4242").isEmpty(), "said left running, but it stopped");
        } finally {
            new ProcessBuilder("pkill", "-f", "sleep 4242").start().waitFor();
        }
    }

    private static String pgrep(String... arguments) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(List.of("pgrep"));
        command.addAll(List.of(arguments));
        Process pgrep = new ProcessBuilder(command).start();
        pgrep.waitFor();
        return new String(pgrep.getInputStream().readAllBytes()).strip();
    }

    @Test
    void anOptionOfTheRemoteCommandSaysToUseDashDash() {
        assertEquals(2, run("exec", "gpu", "uname", "-a"));
        assertTrue(cli.err().contains("Put -- before the command"), cli.err());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
    }

    @Test
    void anArgumentTheJvmCouldNotDecodeIsRefusedNotCorrupted() {
        assertEquals(2, run("exec", "gpu", "--", "echo", "a\uFFFDb"));
        assertTrue(cli.err().contains("Argument 2"), cli.err());
    }

    @Test
    void argumentBytesThatAreNotUtf8ReachTheServerUnchanged() throws Exception {
        // Java cannot even pass such bytes to a child process, so a shell builds the argument for the real CLI.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String locale : List.of("C.UTF-8", "C")) {
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exec \"$0\" -cp \"$1\" -Dtether.logDir=\"$2\" "
                    + "app.tether.Main exec gpu -- printf %s \"$(printf 'a\\377\\376b')\"", java, classpath,
                    dir.resolve("logs").toString());
            builder.environment().put("TETHER_HOME", bed.environment().home().toString());
            builder.environment().put("HOME", bed.home().toString());
            builder.environment().put("LANG", locale);
            builder.environment().put("LC_ALL", locale);
            builder.environment().remove("SSH_AUTH_SOCK");
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes());
            assertEquals(0, process.waitFor(), locale + ": " + err);
            assertArrayEquals(new byte[] {'a', (byte) 0xff, (byte) 0xfe, 'b'}, out, locale + ": " + err);
        }
    }

    private String sshdLog() {
        try {
            return Files.readString(bed.server().dir().resolve("sshd.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
