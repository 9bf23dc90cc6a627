package app.tether.providers.cnb;

import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.inventory.SshServer;
import app.tether.jupyter.InstallMode;
import app.tether.jupyter.JupyterService;
import app.tether.jupyter.ServiceKind;
import app.tether.jupyter.SetupOptions;
import java.util.Set;

/**
 * Makes sure a workspace reached over SSH has Jupyter set up: each start is a fresh container, so the first open
 * sets it up as a background process in the workspace folder (workspaces run no systemd); later opens find it.
 */
public interface CnbJupyter {
    /** Does nothing (tests of the provider alone). */
    CnbJupyter NONE = (server, progress) -> { };

    void ensureSetUp(SshServer server, Progress progress);

    /** Through Tether's Jupyter service on {@code service}'s sessions. */
    static CnbJupyter with(JupyterService service) {
        return (server, progress) -> {
            if (!service.status(server).setUp()) {
                progress.line(Messages.get("cnb.open.setup", server.name()));
                service.setup(server, options(server.jupyter().notebookDir()), progress);
            }
        };
    }

    /** Installs JupyterLab only when the image has none ({@code tether cnb init --jupyter} bakes it in). */
    static SetupOptions options(String notebookDir) {
        return new SetupOptions(null, InstallMode.IF_MISSING, null, null, Set.of(), null, ServiceKind.BACKGROUND,
                notebookDir, false);
    }
}
