package app.tether.tunnel;

import app.tether.inventory.SshServer;
import app.tether.ssh.SshSessions;
import org.apache.sshd.client.session.ClientSession;

/** A target's pooled session in {@link SshSessions}: tunnels share it with probes and commands. */
public record PooledSessionSource(SshSessions sessions, SshServer target) implements SessionSource {
    @Override
    public ClientSession session() {
        return sessions.session(target);
    }

    @Override
    public void invalidate() {
        sessions.invalidate(target.name());
    }

    @Override
    public java.nio.channels.AsynchronousChannelGroup channelGroup() {
        return sessions.channelGroup();
    }

    @Override
    public String name() {
        return target.name();
    }
}
