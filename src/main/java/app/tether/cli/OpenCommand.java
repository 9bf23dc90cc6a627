package app.tether.cli;

import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.handoff.JupyterNotebookServer;
import app.tether.handoff.NotebookOpener;
import app.tether.handoff.NotebookServer;
import app.tether.handoff.NotebookUrl;
import app.tether.handoff.SystemBrowser;
import app.tether.inventory.SshServer;
import app.tether.jupyter.JupyterSecrets;
import app.tether.jupyter.JupyterService;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.JupyterHealth;
import app.tether.tunnel.TunnelService;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether open NAME [--no-browser]}: tunnel to the target's Jupyter, print its URL, keep the tunnel up. */
@Command(name = "open", description = {
    "Open a server's Jupyter in the browser through a self-healing tunnel.",
    "Prints the URL (one line) once the notebook answers, opens it in the browser, and keeps the tunnel up",
    "until interrupted (Ctrl-C)."})
final class OpenCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The server.")
    String name;

    @Option(names = "--no-browser", description = "Only print the URL.")
    boolean noBrowser;

    OpenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        SshServer target = context.target(name);
        SshSessions sessions = context.sshSessions();
        TunnelService tunnels = new TunnelService(sessions, context.environment());
        try {
            NotebookOpener opener = new NotebookOpener(sessions, tunnels, notebookServer(sessions), new JupyterHealth(Duration.ofSeconds(5)));
            NotebookUrl url = opener.open(target, progress());
            context.out().println(url.text());
            context.out().flush();
            if (!noBrowser) {
                try {
                    new SystemBrowser().open(url.uri());
                } catch (TetherException e) {
                    context.err().println("tether: " + e.getLocalizedMessage());
                    context.err().flush();
                }
            }
            Foreground.reportChanges(context, tunnels.tunnels(target.name()).orElseThrow().all());
            return Foreground.holdUntilStopped(tunnels);
        } finally {
            tunnels.close();
        }
    }

    /** Jupyter's port and token, starting it when Tether set it up and it is stopped. */
    private NotebookServer notebookServer(SshSessions sessions) {
        return new JupyterNotebookServer(new JupyterService(sessions, context.environment()),
                new JupyterSecrets(context.environment()));
    }

    private Progress progress() {
        return new Progress() {
            @Override
            public void step(int index, int total, String text) {
                context.err().println(Messages.get("cli.open.step", index + 1, total, text));
                context.err().flush();
            }

            @Override
            public void line(String text) {
                context.err().println(text);
                context.err().flush();
            }
        };
    }
}
