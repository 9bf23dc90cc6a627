package app.tether.probe;

import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.ssh.CommandResult;
import app.tether.ssh.SshSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Reads one server's live status in one round trip over its pooled SSH session. Never throws for a server
 * that cannot be reached: that becomes the status's {@link Reachability} and a localized error line.
 */
public final class StatusProbe {
    /** The whole round trip's limit: two nvidia-smi runs of at most 10 s each, plus the host facts. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Message keys (ssh bundle) of refusals where known_hosts holds a different key for the host. */
    private static final Set<String> CHANGED_KEY_MESSAGES = Set.of("error.hostKey.changed", "error.hostKey.changedType",
            "error.hostKey.revoked");

    private final SshSessions sessions;

    public StatusProbe(SshSessions sessions) {
        this.sessions = sessions;
    }

    public ServerStatus probe(SshServer target) {
        Instant at = Instant.now();
        try {
            CommandResult result = sessions.quietShell(target).capture(ProbeScript.argv(), TIMEOUT);
            return ProbeScript.read(target.name(), at, result.stdout(), result.stderr());
        } catch (TetherException e) {
            // Not invalidating the session on a slow answer: tunnels share it, and keepalives find dead ones.
            return ServerStatus.unreachable(target.name(), at, reachability(e), e.getLocalizedMessage());
        }
    }

    /** What a failure to connect or run says about the server. */
    static Reachability reachability(TetherException failure) {
        return switch (failure.code()) {
            case AUTH_FAILED -> Reachability.AUTH_FAILED;
            case HOST_KEY_REFUSED -> CHANGED_KEY_MESSAGES.contains(failure.messageKey())
                    ? Reachability.HOST_KEY_CHANGED : Reachability.HOST_KEY_UNKNOWN;
            default -> Reachability.OFFLINE;
        };
    }
}
