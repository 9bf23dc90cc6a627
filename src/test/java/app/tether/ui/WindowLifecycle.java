package app.tether.ui;

import app.tether.core.Environment;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.ssh.SshSessions;
import app.tether.workflow.Lifecycle;

/** The window's Lifecycle as Workflows makes it (every provider over the window's sessions), for instance tests. */
final class WindowLifecycle {
    private WindowLifecycle() {
    }

    static Lifecycle of(Environment environment, SshSessions sessions) {
        return new Lifecycle(StandardProviders.create(environment, () -> sessions), StateCache.in(environment));
    }
}
