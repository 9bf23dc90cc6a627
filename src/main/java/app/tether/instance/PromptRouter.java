package app.tether.instance;

import app.tether.ssh.SshPrompts;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompts of the instance's shared SSH sessions. A connection that a client's command makes (on the thread
 * running that command) asks that client: its terminal, as the command would in its own process. Any other
 * connection (the window's own work, a watcher, a tunnel reconnecting in the background) asks {@code owner}: the
 * window's dialogs, or nobody in a headless instance. The choice is made when the connection starts
 * ({@link #forConnection()}), since the questions come later on SSH threads, so two clients at once, or a client
 * and the window, never get each other's questions.
 */
public final class PromptRouter implements SshPrompts {
    private final SshPrompts owner;
    private final Map<Thread, SshPrompts> clients = new ConcurrentHashMap<>();

    /** {@code owner}: who answers connections no client's command made ({@link SshPrompts#NONE} for nobody). */
    public PromptRouter(SshPrompts owner) {
        this.owner = owner;
    }

    /** A registration; closing it never fails. */
    public interface Route extends AutoCloseable {
        @Override
        void close();
    }

    /** Connections made on the calling thread ask {@code prompts} until the returned route is closed. */
    public Route register(SshPrompts prompts) {
        Thread thread = Thread.currentThread();
        SshPrompts before = clients.put(thread, prompts);
        return () -> {
            if (before == null) {
                clients.remove(thread);
            } else {
                clients.put(thread, before);
            }
        };
    }

    @Override
    public SshPrompts forConnection() {
        return clients.getOrDefault(Thread.currentThread(), owner).forConnection();
    }

    @Override
    public boolean trustNewHostKey(String hostPort, String keyType, String sha256Fingerprint) {
        return forConnection().trustNewHostKey(hostPort, keyType, sha256Fingerprint);
    }

    @Override
    public Optional<char[]> passphrase(String keyFile) {
        return forConnection().passphrase(keyFile);
    }

    @Override
    public Optional<char[]> password(String userAtHost) {
        return forConnection().password(userAtHost);
    }
}
