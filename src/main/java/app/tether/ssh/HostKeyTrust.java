package app.tether.ssh;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether to trust a server's host key, from the user's own known_hosts (shared with OpenSSH):
 * a known key is trusted, a changed one always refused, an unknown one handled by the {@link HostKeyPolicy}.
 * Replaces MINA's accept-all default; a session not opened by {@link SshSessions} is refused.
 */
final class HostKeyTrust implements ServerKeyVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyTrust.class);

    private final Path knownHostsFile;
    private final HostKeyPolicy policy;
    /** One writer at a time, so two sessions accepting keys never interleave their appends. */
    private final Object fileLock = new Object();

    HostKeyTrust(Path knownHostsFile, HostKeyPolicy policy) {
        this.knownHostsFile = knownHostsFile;
        this.policy = policy;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        ConnectAttempt attempt = ConnectAttempt.of(session);
        if (attempt == null) {
            LOG.warn("Refusing host key of {}: session not opened through SshSessions", remoteAddress);
            return false;
        }
        try {
            check(attempt, serverKey);
            return true;
        } catch (TetherException e) {
            attempt.fail(e);
            return false;
        } catch (RuntimeException e) {
            LOG.warn("Host key check of {} failed", attempt.endpoint().hostPort(), e);
            attempt.fail(new TetherException(ErrorCode.HOST_KEY_REFUSED, e, "error.hostKey.check",
                    attempt.endpoint().hostPort(), String.valueOf(e.getMessage())));
            return false;
        }
    }

    private void check(ConnectAttempt attempt, PublicKey serverKey) {
        SshEndpoint endpoint = attempt.endpoint();
        String[] entry = PublicKeyEntry.toString(serverKey).split(" ");
        String keyType = entry[0];
        String keyBase64 = entry[1];
        String fingerprint = KnownHosts.fingerprint(keyBase64);
        String hostPort = endpoint.hostPort();
        synchronized (fileLock) {
            KnownHosts known = read();
            KnownHosts.Match match = known.lookup(endpoint.knownHostsName(), keyType, keyBase64);
            switch (match.verdict()) {
                case TRUSTED -> {
                    return;
                }
                case CHANGED -> {
                    String knownType = match.entry().keyType();
                    String knownPrint = KnownHosts.fingerprint(match.entry().keyBase64());
                    String line = String.valueOf(match.entry().lineNumber());
                    if (knownType.equals(keyType)) {
                        throw new TetherException(ErrorCode.HOST_KEY_REFUSED, "error.hostKey.changed", hostPort,
                                knownPrint, fingerprint, knownHostsFile, line);
                    }
                    // Only keys of other types are known: OpenSSH refuses this as a changed host too.
                    throw new TetherException(ErrorCode.HOST_KEY_REFUSED, "error.hostKey.changedType", hostPort,
                            knownType, knownPrint, keyType, fingerprint, knownHostsFile, line);
                }
                case REVOKED -> throw new TetherException(ErrorCode.HOST_KEY_REFUSED, "error.hostKey.revoked",
                        hostPort, fingerprint, knownHostsFile, String.valueOf(match.entry().lineNumber()));
                default -> {
                    // unknown: decided below
                }
            }
        }
        boolean trust = switch (policy) {
            case REFUSE_UNKNOWN -> throw new TetherException(ErrorCode.HOST_KEY_REFUSED, "error.hostKey.unknown",
                    hostPort, keyType, fingerprint);
            case ACCEPT_NEW -> true;
            case ASK -> attempt.prompting(() -> attempt.prompts().trustNewHostKey(hostPort, keyType, fingerprint),
                    false);
        };
        if (!trust) {
            throw new TetherException(ErrorCode.HOST_KEY_REFUSED, "error.hostKey.declined", hostPort, fingerprint);
        }
        synchronized (fileLock) {
            // Another session may have added it while the user was asked.
            if (read().lookup(endpoint.knownHostsName(), keyType, keyBase64).verdict()
                    == KnownHosts.Verdict.TRUSTED) {
                return;
            }
            try {
                KnownHosts.append(knownHostsFile, endpoint.knownHostsName(), keyType, keyBase64,
                        endpoint.hashKnownHosts());
                LOG.info("Added {} key {} of {} to {}", keyType, fingerprint, hostPort, knownHostsFile);
            } catch (IOException e) {
                throw new TetherException(ErrorCode.HOST_KEY_REFUSED, e, "error.hostKey.write", knownHostsFile,
                        String.valueOf(e.getMessage()));
            }
        }
    }

    private KnownHosts read() {
        try {
            return KnownHosts.read(knownHostsFile);
        } catch (IOException e) {
            throw new TetherException(ErrorCode.HOST_KEY_REFUSED, e, "error.hostKey.read", knownHostsFile,
                    String.valueOf(e.getMessage()));
        }
    }
}
