package app.tether.handoff;

import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.inventory.SshServer;
import app.tether.jupyter.JupyterSecrets;
import app.tether.jupyter.JupyterService;
import app.tether.jupyter.JupyterStatus;

/**
 * Jupyter through the Jupyter feature: when Tether set it up on the target, its recorded port is used and
 * a stopped server is started; otherwise (a server the user runs themselves) the target's Jupyter port
 * setting. The token is the one Tether keeps locally.
 */
public final class JupyterNotebookServer implements NotebookServer {
    private final JupyterService service;
    private final JupyterSecrets secrets;

    public JupyterNotebookServer(JupyterService service, JupyterSecrets secrets) {
        this.service = service;
        this.secrets = secrets;
    }

    @Override
    public NotebookEndpoint ensureRunning(SshServer target, Progress progress) {
        JupyterStatus status = service.status(target);
        int port = target.jupyter().portOrDefault();
        if (status.setUp()) {
            if (!status.running()) {
                progress.line(Messages.get("handoff.jupyter.starting", target.name()));
                service.start(target);
            }
            if (status.port() != null) {
                port = status.port();
            }
        }
        return new NotebookEndpoint("127.0.0.1", port, "/", secrets.token(target.name()).orElse(null));
    }
}
