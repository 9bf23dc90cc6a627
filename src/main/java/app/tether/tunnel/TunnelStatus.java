package app.tether.tunnel;

import app.tether.core.Messages;
import java.time.Duration;
import java.time.Instant;

/** Where a tunnel stands: connecting, connected, reconnecting (next try at), failed, or closed. */
public sealed interface TunnelStatus {

    /** The state in the user's language, e.g. "reconnecting in 4 s". */
    String describe(Instant now);

    /** The local port is open; the first SSH connection is being made. */
    record Connecting() implements TunnelStatus {
        @Override
        public String describe(Instant now) {
            return Messages.get("tunnel.status.connecting");
        }
    }

    /** Connected since {@code since}: local connections are forwarded. */
    record Connected(Instant since) implements TunnelStatus {
        @Override
        public String describe(Instant now) {
            return Messages.get("tunnel.status.connected");
        }
    }

    /** The SSH link dropped; the next attempt is at {@code retryAt}; local connections wait meanwhile. */
    record Reconnecting(Instant retryAt, String reason) implements TunnelStatus {
        @Override
        public String describe(Instant now) {
            long seconds = Math.max(0, (Duration.between(now, retryAt).toMillis() + 999) / 1000);
            return Messages.get("tunnel.status.reconnecting", seconds, reason);
        }
    }

    /** Gave up (authentication or host key refused): needs the user; a new local connection retries. */
    record Failed(String reason) implements TunnelStatus {
        @Override
        public String describe(Instant now) {
            return Messages.get("tunnel.status.failed", reason);
        }
    }

    /** Closed: the local port is free. */
    record Closed() implements TunnelStatus {
        @Override
        public String describe(Instant now) {
            return Messages.get("tunnel.status.closed");
        }
    }
}
