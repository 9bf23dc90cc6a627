package app.tether.testing;

import app.tether.core.Environment;
import app.tether.inventory.SshServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An embedded MINA SSH server on a free loopback port that records the exact text of every command it is
 * sent and answers each through a {@link Responder}, for tests of what goes over the wire.
 */
public final class RecordingSshServer implements AutoCloseable {
    /** What the server prints and exits with for one command. */
    public record Reply(String stdout, String stderr, int exitCode, boolean beforeInput) {
        /** A reply a shell ({@code sh}, {@code exec sh}) gives once it has read a line, as a real one does. */
        public Reply(String stdout, String stderr, int exitCode) {
            this(stdout, stderr, exitCode, false);
        }

        /** Prints {@code stdout} and exits 0. */
        public static Reply out(String stdout) {
            return new Reply(stdout, "", 0);
        }

        /** Printed and ended at once, before reading anything: a login shell such as nologin. */
        public static Reply atLogin(String stdout, int exitCode) {
            return new Reply(stdout, "", exitCode, true);
        }
    }

    /** Answers one command, given its text as received. */
    @FunctionalInterface
    public interface Responder {
        Reply answer(String command);
    }

    private final org.apache.sshd.server.SshServer server;
    private final PublicKey hostKey;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionsOpened = new AtomicInteger();

    private RecordingSshServer(Path dir, Consumer<org.apache.sshd.server.SshServer> authentication, Responder responder)
            throws IOException {
        server = org.apache.sshd.server.SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser"));
        server.setKeyPairProvider(hostKeys);
        authentication.accept(server);
        server.setCommandFactory((channel, command) -> {
            commands.add(command);
            Reply reply = responder.answer(command);
            // The standing probe shell is "exec sh" (RemoteShell.keepRunning): it reads its script from stdin.
            boolean shell = command.equals("sh") || command.equals("exec sh");
            return new Answering(reply, shell && !reply.beforeInput());
        });
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsOpened.incrementAndGet();
            }
        });
        server.start();
        hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
    }

    /** Logs in {@code user} with {@code password} by {@code method} (password or keyboard-interactive). */
    public static RecordingSshServer withPassword(Path dir, UserAuthFactory method, String user, String password,
            Responder responder) throws IOException {
        return new RecordingSshServer(dir, server -> {
            server.setUserAuthFactories(List.of(method));
            server.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
        }, responder);
    }

    /** Logs in anyone holding any key. */
    public static RecordingSshServer withAnyPublicKey(Path dir, Responder responder) throws IOException {
        return new RecordingSshServer(dir,
                server -> server.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE), responder);
    }

    /**
     * Logs in anyone holding any key, with the server set up further by {@code configure} before it starts
     * (forwarding, window and packet sizes).
     */
    public static RecordingSshServer withAnyPublicKey(Path dir, Consumer<org.apache.sshd.server.SshServer> configure,
            Responder responder) throws IOException {
        return new RecordingSshServer(dir, server -> {
            server.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
            configure.accept(server);
        }, responder);
    }

    public int port() {
        return server.getPort();
    }

    /** Every command text received so far, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    public void forgetCommands() {
        commands.clear();
    }

    /** How many SSH sessions clients have opened. */
    public int sessionsOpened() {
        return sessionsOpened.get();
    }

    /** A fake HOME under {@code dir} ({@code home}, Tether home {@code tether}) whose known_hosts trusts this server. */
    public Environment trustingEnvironment(Path dir) throws IOException {
        Environment env = new Environment(Files.createDirectories(dir.resolve("tether")), dir.resolve("home"));
        Files.createDirectories(env.sshDir());
        Files.writeString(env.knownHosts(), "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey) + "\n");
        return env;
    }

    /** An inventory entry for this server. */
    public SshServer target(String name, String user, String identityFile) {
        return SshServer.ofHost(name, "127.0.0.1", user, port(), identityFile, null);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /**
     * Prints the reply and exits with its status. A bare {@code sh} (or {@code exec sh}) reads its script from stdin, as
     * the standing probe shell's does: like a real shell it prints nothing before it has read a line, unless the reply
     * is {@link Reply#atLogin}.
     */
    private static final class Answering implements Command {
        private final Reply reply;
        private final boolean readsFirst;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        Answering(Reply reply, boolean readsFirst) {
            this.reply = reply;
            this.readsFirst = readsFirst;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void start(ChannelSession channel, org.apache.sshd.server.Environment env) throws IOException {
            if (!readsFirst) {
                answer();
                return;
            }
            Thread reader = new Thread(() -> {
                try {
                    int b;
                    while ((b = in.read()) >= 0 && b != '\n') {
                        // the script's first line
                    }
                    answer();
                } catch (IOException e) {
                    exit.onExit(255, e.toString());
                }
            }, "recording-sh");
            reader.setDaemon(true);
            reader.start();
        }

        private void answer() throws IOException {
            out.write(reply.stdout().getBytes(StandardCharsets.UTF_8));
            err.write(reply.stderr().getBytes(StandardCharsets.UTF_8));
            out.flush();
            err.flush();
            exit.onExit(reply.exitCode());
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
