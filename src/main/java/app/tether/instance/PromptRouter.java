package app.tether.instance;

import app.tether.ssh.SshPrompts;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The questions of the instance's shared SSH sessions (passphrase, password) go to the terminal of the client
 * whose command is running: the latest one that has a terminal. Handshakes run on SSH threads, not on the
 * command's thread, so the route is "who is waiting now", not a thread-local; with none, everything is refused,
 * as a command without a terminal does.
 */
public final class PromptRouter implements SshPrompts {
    private final Deque<SshPrompts> clients = new ArrayDeque<>();

    /** Routes questions to {@code prompts} until the returned handle is closed. */
    public AutoCloseable register(SshPrompts prompts) {
        synchronized (clients) {
            clients.push(prompts);
        }
        return () -> {
            synchronized (clients) {
                clients.remove(prompts);
            }
        };
    }

    private SshPrompts current() {
        synchronized (clients) {
            return clients.isEmpty() ? SshPrompts.NONE : clients.peek();
        }
    }

    @Override
    public boolean trustNewHostKey(String hostPort, String keyType, String sha256Fingerprint) {
        return current().trustNewHostKey(hostPort, keyType, sha256Fingerprint);
    }

    @Override
    public Optional<char[]> passphrase(String keyFile) {
        return current().passphrase(keyFile);
    }

    @Override
    public Optional<char[]> password(String userAtHost) {
        return current().password(userAtHost);
    }
}
