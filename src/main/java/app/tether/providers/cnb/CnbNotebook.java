package app.tether.providers.cnb;

import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.handoff.NotebookOpener;
import app.tether.handoff.NotebookUrl;
import app.tether.inventory.SshServer;
import app.tether.jupyter.InstallMode;
import app.tether.jupyter.JupyterService;
import app.tether.jupyter.ServiceKind;
import app.tether.jupyter.SetupOptions;
import java.util.Set;

/**
 * The notebook of a workspace reached over SSH: a fresh workspace (a new container each start) gets Jupyter set
 * up as a background process in the workspace folder (workspaces run no systemd), then the usual tunnel opens.
 */
public final class CnbNotebook {
    private final JupyterService jupyter;
    private final NotebookOpener opener;

    public CnbNotebook(JupyterService jupyter, NotebookOpener opener) {
        this.jupyter = jupyter;
        this.opener = opener;
    }

    /** Blocks on the network (call it off the FX thread); the tunnel stays open in the opener's TunnelService. */
    public NotebookUrl open(SshServer workspace, Progress progress) throws InterruptedException {
        if (!jupyter.status(workspace).setUp()) {
            progress.line(Messages.get("cnb.open.setup", workspace.name()));
            jupyter.setup(workspace, options(workspace.jupyter().notebookDir()), progress);
        }
        return opener.open(workspace, progress);
    }

    /** Installs JupyterLab only when the image has none ({@code tether cnb init --jupyter} bakes it in). */
    static SetupOptions options(String notebookDir) {
        return new SetupOptions(null, InstallMode.IF_MISSING, null, null, Set.of(), null, ServiceKind.BACKGROUND,
                notebookDir, false);
    }
}
