package app.tether.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
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

    private org.apache.sshd.server.SshServer server;
    private SshSessions sessions;
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws Exception {
        if (sessions != null) {
            sessions.close();
        }
        if (server != null) {
            server.stop(true);
        }
    }

    private SshServer start(org.apache.sshd.server.auth.UserAuthFactory method, SshPrompts prompts) throws Exception {
        server = org.apache.sshd.server.SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser")));
        server.setUserAuthFactories(List.of(method));
        server.setPasswordAuthenticator((user, password, session) -> "tester".equals(user) && "s3cret".equals(password));
        server.setCommandFactory((channel, command) -> new Recording(command));
        server.start();
        KeyPair hostKey = server.getKeyPairProvider().loadKeys(null).iterator().next();
        Path home = Files.createDirectories(dir.resolve("home/.ssh")).getParent();
        Files.writeString(home.resolve(".ssh/known_hosts"),
                "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        sessions = new SshSessions(new Environment(dir.resolve("tether"), home), HostKeyPolicy.REFUSE_UNKNOWN, prompts,
                Duration.ofSeconds(10), null);
        return SshServer.ofHost("embedded", "127.0.0.1", "tester", server.getPort(), null, null);
    }

    @Test
    void sendsOneQuotedCommandLineForTheArgv() throws Exception {
        SshServer target = start(UserAuthPasswordFactory.INSTANCE, new Password("s3cret"));
        List<String> argv = List.of("sh", "-c", "echo \"$1\" >/dev/null", "sh", "it's", "", "$(rm -rf ~)", "a b",
                "x;y", "plain-word_1.2/3:4,5@6%7+8=9", "=zsh", "%fish", "~");
        CommandResult result = sessions.shell(target).capture(argv, TIMEOUT);
        assertEquals(0, result.exitCode());
        assertEquals("ran\n", result.stdout());
        assertEquals(List.of("sh -c 'echo \"$1\" >/dev/null' sh 'it'\\''s' '' '$(rm -rf ~)' 'a b' 'x;y'"
                + " plain-word_1.2/3:4,5@6%7+8=9 '=zsh' '%fish' '~'"), commands);
    }

    @Test
    void linesThatOtherLoginShellsWouldMisreadAreSentEncodedForSh() throws Exception {
        SshServer target = start(UserAuthPasswordFactory.INSTANCE, new Password("s3cret"));
        for (String odd : List.of("line\nbreak", "back\\slash", "bang!", "中文")) {
            List<String> argv = List.of("printf", "%s", odd);
            commands.clear();
            sessions.shell(target).capture(argv, TIMEOUT);
            String encoded = java.util.Base64.getEncoder().encodeToString(
                    RemoteShell.quote(argv).getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("sh -c 'eval \"$(printf %s " + encoded + " | base64 -d)\"'"), commands);
            assertEquals(RemoteShell.quote(argv), RemoteShell.plainCommandLine(commands.get(0)));
        }
    }

    @Test
    void passwordLoginAsksThePromptAndRetries() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        List<String> who = new ArrayList<>();
        SshServer target = start(UserAuthPasswordFactory.INSTANCE, new Password("s3cret") {
            @Override
            public Optional<char[]> password(String userAtHost) {
                who.add(userAtHost);
                return Optional.of((asked.incrementAndGet() == 1 ? "wrong" : "s3cret").toCharArray());
            }
        });
        assertEquals(0, sessions.shell(target).capture(List.of("true"), TIMEOUT).exitCode());
        assertEquals(2, asked.get());
        assertEquals("tester@127.0.0.1:" + server.getPort(), who.get(0));
    }

    @Test
    void keyboardInteractiveLoginUsesThePassword() throws Exception {
        SshServer target = start(UserAuthKeyboardInteractiveFactory.INSTANCE, new Password("s3cret"));
        assertEquals(0, sessions.shell(target).capture(List.of("true"), TIMEOUT).exitCode());
        assertEquals(List.of("true"), commands);
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

    /** Gives one password (or refuses everything else). */
    private static class Password implements SshPrompts {
        private final String password;

        Password(String password) {
            this.password = password;
        }

        @Override
        public boolean trustNewHostKey(String hostPort, String keyType, String sha256Fingerprint) {
            return false;
        }

        @Override
        public Optional<char[]> passphrase(String keyFile) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> password(String userAtHost) {
            return Optional.of(password.toCharArray());
        }
    }

    /** Records the command text and prints "ran". */
    private final class Recording implements Command {
        private final String command;
        private OutputStream out;
        private ExitCallback exit;

        Recording(String command) {
            this.command = command;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void setInputStream(java.io.InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void start(ChannelSession channel, org.apache.sshd.server.Environment env) throws java.io.IOException {
            commands.add(command);
            out.write("ran\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            exit.onExit(0);
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
