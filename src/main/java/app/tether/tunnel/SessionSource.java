package app.tether.tunnel;

import org.apache.sshd.client.session.ClientSession;

/**
 * Where a tunnel gets its SSH session: normally the pooled session of one target in
 * {@code SshSessions}; the seam keeps the tunnel independent of how sessions are made.
 */
public interface SessionSource {
    /** An open, authenticated session (reused while it is open); throws TetherException when it cannot. */
    ClientSession session();

    /** Forgets a session found broken, so the next {@link #session()} connects afresh. */
    void invalidate();

    /** The channel group of the sessions' sockets; the tunnel's local sockets join it (no thread hand-offs). */
    java.nio.channels.AsynchronousChannelGroup channelGroup();

    /** The target's name, for logs and messages. */
    String name();
}
