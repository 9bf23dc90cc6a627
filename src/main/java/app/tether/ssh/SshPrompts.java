package app.tether.ssh;

import java.util.Optional;

/**
 * Asks the user things mid-connection (GUI dialog or terminal). Calls come from SSH threads;
 * implementations may block there, never on the FX thread.
 */
public interface SshPrompts {
    /** Refuses everything: no new host keys, no passphrases, no passwords (non-interactive use). */
    SshPrompts NONE = new SshPrompts() {
        @Override
        public Optional<char[]> passphrase(String keyFile) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> password(String userAtHost) {
            return Optional.empty();
        }
    };

    /**
     * Whether to trust {@code hostPort}'s key, never seen before ({@code SHA256:...}). Asked only under
     * {@link HostKeyPolicy#ASK} (the window's sessions, whose prompts answer it); refused by default, since the CLI
     * never asks (it refuses an unknown key unless run with {@code --accept-new-host-key}).
     */
    default boolean trustNewHostKey(String hostPort, String keyType, String sha256Fingerprint) {
        return false;
    }

    /** The passphrase of {@code keyFile}; empty = cancel. */
    Optional<char[]> passphrase(String keyFile);

    /** The login password of {@code userAtHost}; empty = cancel / not offered. */
    Optional<char[]> password(String userAtHost);

    /**
     * Who answers for a connection being made on the calling thread; asked once per connection, on that thread,
     * because the questions themselves come later on SSH threads. Itself, unless it routes (the instance sends
     * a client's connections to that client's terminal).
     */
    default SshPrompts forConnection() {
        return this;
    }
}
