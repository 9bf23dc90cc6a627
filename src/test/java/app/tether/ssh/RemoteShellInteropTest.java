package app.tether.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.testing.EnglishMessages;
import app.tether.testing.SshTestbed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** RemoteShell against a real OpenSSH sshd: argv arrives byte for byte, exit codes, stdin, timeouts. */
@ExtendWith(EnglishMessages.class)
@Tag("interop")
class RemoteShellInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static SshTestbed testbed;
    static SshSessions sessions;
    static SshServer target;

    @BeforeAll
    static void start() throws Exception {
        testbed = SshTestbed.start(dir);
        sessions = new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE,
                Duration.ofSeconds(10), null);
        target = testbed.target("gpu");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sessions != null) {
            sessions.close();
        }
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void argumentsArriveByteForByteAndNothingIsExecuted() throws Exception {
        Path marker = dir.resolve("pwned");
        List<String> nasty = List.of("it's \"quoted\"", "$(touch " + marker + ")", "`touch " + marker + "`",
                "a; touch " + marker, "two\nlines", "  spaces  ", "", "中文 ünïcødé 🚀", "*", "$HOME", "\\", "-n",
                "a'b'c", "'");
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "printf '%s\\0' \"$@\"", "sh"));
        argv.addAll(nasty);
        CommandResult result = sessions.shell(target).capture(argv, TIMEOUT);
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(String.join("\0", nasty) + "\0", result.stdout());
        assertFalse(Files.exists(marker), "a quoted argument was executed");
    }

    @Test
    void exitCodeAndStreamsAreReported() {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        int code = sessions.shell(target).run(List.of("sh", "-c", "echo one; echo two >&2; printf 'three'; exit 7"),
                out::add, err::add, TIMEOUT);
        assertEquals(7, code);
        assertEquals(List.of("one", "three"), out);
        assertEquals(List.of("two"), err);
    }

    @Test
    void stdinBytesReachTheCommandAndAreClosed() {
        byte[] secret = "s3cret line\nsecond 中\n".getBytes(StandardCharsets.UTF_8);
        CommandResult result = sessions.shell(target).capture(List.of("cat"), secret, TIMEOUT);
        assertTrue(result.ok());
        assertEquals(new String(secret, StandardCharsets.UTF_8), result.stdout());
    }

    @Test
    void timeoutStopsTheCommand() {
        TetherException e = assertThrows(TetherException.class,
                () -> sessions.shell(target).capture(List.of("sleep", "30"), Duration.ofMillis(500)));
        assertEquals(ErrorCode.REMOTE_FAILED, e.code());
        assertEquals("error.remote.timeout", e.messageKey());
    }

    @Test
    void interruptingTheCallerCancelsTheCommand() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Thread> runner = new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                sessions.shell(target).run(List.of("sh", "-c", "echo started; sleep 60"),
                        line -> runner.get().interrupt(), line -> { }, Duration.ofSeconds(120));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        runner.set(thread);
        thread.start();
        thread.join(Duration.ofSeconds(30).toMillis());
        assertFalse(thread.isAlive(), "interrupt did not cancel the command");
        TetherException e = (TetherException) failure.get();
        assertEquals("error.remote.cancelled", e.messageKey());
    }

    @Test
    void killedBySignalIsAnErrorExit() {
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        // The login shell execs sh, so sshd reports exit-signal TERM and no exit status.
        int code = sessions.shell(target).run(List.of("sh", "-c", "kill -TERM $$"), line -> { }, err::add, TIMEOUT);
        assertEquals(143, code);
        assertEquals(List.of("Remote command \"sh\" was killed by signal TERM."), err);
    }

    @Test
    void oneSessionIsPooledAndReconnectedAfterClose() {
        ClientSession first = sessions.session(target);
        assertSame(first, sessions.session(target));
        first.close(true);
        ClientSession second = sessions.session(target);
        assertTrue(second.isOpen());
        assertFalse(first == second);
        assertEquals("ok\n", sessions.shell(target).capture(List.of("echo", "ok"), TIMEOUT).stdout());
    }
}
