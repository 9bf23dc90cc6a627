package app.tether.cli;

import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.handoff.JupyterNotebookServer;
import app.tether.handoff.NotebookOpener;
import app.tether.handoff.NotebookUrl;
import app.tether.handoff.SystemBrowser;
import app.tether.inventory.CnbWorkspace;
import app.tether.jupyter.JupyterSecrets;
import app.tether.jupyter.JupyterService;
import app.tether.providers.NotebookAccess;
import app.tether.providers.cnb.CnbNotebook;
import app.tether.providers.cnb.CnbProvider;
import app.tether.providers.cnb.CnbWorkspaceItem;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.JupyterHealth;
import app.tether.tunnel.TunnelService;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether cnb open NAME [--no-browser] [--webide]}: the notebook over SSH when the workspace offers a login
 * (Jupyter as a background service, self-healing tunnel, held until Ctrl-C), else its WebIDE.
 */
@Command(name = "open", description = {
    "Open the running workspace: its Jupyter over SSH when the workspace has an SSH login (set up as a background",
    "service, reached through a tunnel held until Ctrl-C), else the WebIDE. Says which way it took."})
final class CnbOpenCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Option(names = "--no-browser", description = "Only print the URL.")
    boolean noBrowser;

    @Option(names = "--webide", description = "Open the WebIDE even when SSH is offered.")
    boolean webide;

    CnbOpenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        CnbWorkspace target = CnbCommand.target(context, name);
        CnbProvider provider = new CnbProvider(context.environment());
        Progress progress = CnbCliOutput.progress(context);
        CnbWorkspaceItem running = provider.running(target);
        CnbCliOutput.timeLeft(context, provider, target, running);
        if (webide) {
            String url = provider.detail(target, running).webide();
            if (url == null) {
                throw new TetherException(app.tether.core.ErrorCode.REMOTE_FAILED, "cnb.error.noWayIn", target.name());
            }
            return show(URI.create(url));
        }
        NotebookAccess access = provider.access(target, progress);
        if (access instanceof NotebookAccess.InBrowser page) {
            return show(page.url());
        }
        var server = ((NotebookAccess.OverSsh) access).server();
        SshSessions sessions = context.sshSessions();
        TunnelService tunnels = new TunnelService(sessions, context.environment());
        try {
            JupyterService jupyter = new JupyterService(sessions, context.environment());
            NotebookOpener opener = new NotebookOpener(sessions, tunnels,
                    new JupyterNotebookServer(jupyter, new JupyterSecrets(context.environment())),
                    new JupyterHealth(Duration.ofSeconds(5)));
            NotebookUrl url = new CnbNotebook(jupyter, opener).open(server, progress);
            context.out().println(url.text());
            context.out().flush();
            browse(url.uri());
            Foreground.reportChanges(context, tunnels.tunnels(server.name()).orElseThrow().all());
            return Foreground.holdUntilStopped(tunnels);
        } finally {
            tunnels.close();
        }
    }

    private int show(URI url) {
        context.out().println(url);
        context.out().flush();
        browse(url);
        return 0;
    }

    private void browse(URI url) {
        if (noBrowser) {
            return;
        }
        try {
            new SystemBrowser().open(url);
        } catch (TetherException e) {
            context.err().println("tether: " + e.getLocalizedMessage());
            context.err().flush();
        }
    }
}
