package app.tether.tunnel;

import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.SshTestbed;
import java.time.Duration;

/** The sessions tunnel tests use: Tether's own SshSessions against the testbed's sshd (no agent). */
final class TestLinks implements AutoCloseable {
    private final SshSessions sessions;
    private final SshTestbed testbed;

    TestLinks(SshTestbed testbed) {
        this.testbed = testbed;
        this.sessions = new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE,
                Duration.ofSeconds(10), null);
    }

    SshSessions sessions() {
        return sessions;
    }

    SessionSource source(String name) {
        return new PooledSessionSource(sessions, testbed.target(name));
    }

    @Override
    public void close() {
        sessions.close();
    }
}
