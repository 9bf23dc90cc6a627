package app.tether.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.testing.RecordingSshServer;
import app.tether.testing.ScriptedPrompts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against an embedded MINA server that records what it is asked to run: the exact command text RemoteShell
 * sends, and password / keyboard-interactive login through {@link SshPrompts#password}.
 */
class RemoteShellCommandTextTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private RecordingSshServer server;
    private SshSessions sessions;

    @AfterEach
    void stop() throws Exception {
        if (sessions != null) {
            sessions.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SshServer start(UserAuthFactory method, SshPrompts prompts) throws Exception {
        server = RecordingSshServer.withPassword(dir, method, "tester", "s3cret",
                command -> RecordingSshServer.Reply.out("ran\n"));
        sessions = new SshSessions(server.trustingEnvironment(dir), HostKeyPolicy.REFUSE_UNKNOWN, prompts,
                Duration.ofSeconds(10), null);
        return server.target("embedded", "tester", null);
    }

    @Test
    void sendsOneQuotedCommandLineForTheArgv() throws Exception {
        SshServer target = start(UserAuthPasswordFactory.INSTANCE, new ScriptedPrompts().givingPasswords("s3cret"));
        List<String> argv = List.of("sh", "-c", "echo \"$1\" >/dev/null", "sh", "it's", "", "$(rm -rf ~)", "a b",
                "x;y", "plain-word_1.2/3:4,5@6%7+8=9", "=zsh", "%fish", "~");
        CommandResult result = sessions.shell(target).capture(argv, TIMEOUT);
        assertEquals(0, result.exitCode());
        assertEquals("ran\n", result.stdout());
        assertEquals(List.of("sh -c 'echo \"$1\" >/dev/null' sh 'it'\\''s' '' '$(rm -rf ~)' 'a b' 'x;y'"
                + " plain-word_1.2/3:4,5@6%7+8=9 '=zsh' '%fish' '~'"), server.commands());
    }

    @Test
    void linesThatOtherLoginShellsWouldMisreadAreSentEncodedForSh() throws Exception {
        SshServer target = start(UserAuthPasswordFactory.INSTANCE, new ScriptedPrompts().givingPasswords("s3cret"));
        for (String odd : List.of("line\nbreak", "back\\slash", "bang!", "中文")) {
            List<String> argv = List.of("printf", "%s", odd);
            server.forgetCommands();
            sessions.shell(target).capture(argv, TIMEOUT);
            String encoded = java.util.Base64.getEncoder().encodeToString(
                    RemoteShell.quote(argv).getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("sh -c 'eval \"$(printf %s " + encoded + " | base64 -d)\"'"), server.commands());
            assertEquals(RemoteShell.quote(argv), RemoteShell.plainCommandLine(server.commands().get(0)));
        }
    }

    @Test
    void passwordLoginAsksThePromptAndRetries() throws Exception {
        ScriptedPrompts prompts = new ScriptedPrompts().givingPasswords("wrong", "s3cret");
        SshServer target = start(UserAuthPasswordFactory.INSTANCE, prompts);
        assertEquals(0, sessions.shell(target).capture(List.of("true"), TIMEOUT).exitCode());
        assertEquals(2, prompts.passwordsAsked().size());
        assertEquals("tester@127.0.0.1:" + server.port(), prompts.passwordsAsked().get(0));
    }

    @Test
    void keyboardInteractiveLoginUsesThePassword() throws Exception {
        SshServer target = start(UserAuthKeyboardInteractiveFactory.INSTANCE, new ScriptedPrompts().givingPasswords("s3cret"));
        assertEquals(0, sessions.shell(target).capture(List.of("true"), TIMEOUT).exitCode());
        assertEquals(List.of("true"), server.commands());
    }

    @Test
    void noPasswordOfferedFailsNamingTheMethod() throws Exception {
        SshServer target = start(UserAuthPasswordFactory.INSTANCE, SshPrompts.NONE);
        TetherException e = assertThrows(TetherException.class, () -> sessions.session(target));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
        assertTrue(e.getLocalizedMessage().contains("password"), e.getLocalizedMessage());
    }

    @Test
    void quoteLeavesSafeWordsBareAndSingleQuotesTheRest() {
        assertEquals("ls -la /tmp", RemoteShell.quote(List.of("ls", "-la", "/tmp")));
        assertEquals("echo '' ''\\''' '$HOME' '*'", RemoteShell.quote(List.of("echo", "", "'", "$HOME", "*")));
        assertThrows(IllegalArgumentException.class, () -> RemoteShell.quote(List.of()));
        assertThrows(IllegalArgumentException.class, () -> RemoteShell.quote(List.of("a\0b")));
        assertEquals("ls -la", RemoteShell.plainCommandLine("ls -la"));
    }
}
