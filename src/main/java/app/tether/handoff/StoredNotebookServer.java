package app.tether.handoff;

import app.tether.core.Progress;
import app.tether.inventory.SshServer;
import app.tether.jupyter.JupyterSecrets;

/**
 * Jupyter as recorded locally: the port in the target's settings and the token Tether keeps in its
 * secrets directory. Starts nothing: it is what {@code open} uses where the Jupyter service cannot help.
 */
public final class StoredNotebookServer implements NotebookServer {
    private final JupyterSecrets secrets;

    public StoredNotebookServer(JupyterSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public NotebookEndpoint ensureRunning(SshServer target, Progress progress) {
        return new NotebookEndpoint("127.0.0.1", target.jupyter().portOrDefault(), "/",
                secrets.token(target.name()).orElse(null));
    }
}
