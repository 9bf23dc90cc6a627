package app.tether.handoff;

import app.tether.core.Progress;
import app.tether.inventory.SshServer;

/**
 * What opening a notebook needs from the Jupyter feature: make sure Jupyter runs on the target (start it
 * when it is set up but stopped) and say where it listens and with which token.
 */
public interface NotebookServer {
    /** Throws TetherException when Jupyter is not set up there or cannot be started. */
    NotebookEndpoint ensureRunning(SshServer target, Progress progress);
}
