package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.handoff.JupyterNotebookServer;
import app.tether.handoff.NotebookOpener;
import app.tether.handoff.NotebookServer;
import app.tether.handoff.NotebookUrl;
import app.tether.handoff.SystemBrowser;
import app.tether.instance.InstanceServices;
import app.tether.inventory.Target;
import app.tether.jupyter.JupyterSecrets;
import app.tether.jupyter.JupyterService;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.JupyterHealth;
import app.tether.tunnel.TunnelService;
import app.tether.workflow.Connect;
import app.tether.workflow.Consent;
import app.tether.workflow.Lifecycle;
import app.tether.workflow.NotebookReach;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether open NAME [--no-browser] [--yes] [--direct]}: Connect for every kind (start a stopped cloud
 * workspace, asking first when it costs money; wait; tunnel or forward), print the URL, keep the way in up.
 */
@Command(name = "open", description = {
    "Open a target's Jupyter in the browser: an SSH server through a self-healing tunnel, a cloud workspace",
    "through a local forwarder on 127.0.0.1 that adds its credentials (started first if it is stopped).",
    "Prints the URL (one line) once the notebook answers, opens it in the browser, and keeps the way in up",
    "until interrupted (Ctrl-C)."})
final class OpenCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The target.")
    String name;

    @Option(names = "--no-browser", description = "Only print the URL.")
    boolean noBrowser;

    @Option(names = {"-y", "--yes"}, description = "Start a target that costs money without asking.")
    boolean yes;

    @Option(names = "--webide", description = "CNB: open the running workspace's WebIDE (even when SSH is offered).")
    boolean webide;

    @Option(names = "--direct", description = "Print the workspace's own address (e.g. the Space's https URL)"
            + " instead of forwarding through Tether; starts nothing.")
    boolean direct;

    OpenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Target target = context.store().load().require(name);
        if (direct) {
            return printDirect(target);
        }
        if (webide) {
            if (!(target instanceof app.tether.inventory.CnbWorkspace workspace)) {
                throw new TetherException(ErrorCode.USAGE, "cnb.error.webideOnlyCnb", target.name());
            }
            return CnbCli.openWebIde(context, workspace, !noBrowser);
        }
        SshSessions sessions = context.sshSessions();
        // In the instance the tunnel is the instance's (the window's, when it runs): opening is idempotent, so a
        // tunnel already held is answered at once, and it stays open after this command.
        var instance = context.instance();
        TunnelService tunnels = instance.map(InstanceServices::tunnels)
                .orElseGet(() -> new TunnelService(sessions, context.environment()));
        HttpForwards forwards = instance.map(InstanceServices::httpForwards)
                .orElseGet(() -> new HttpForwards(context.environment()));
        AutoCloseable held = () -> {
            if (instance.isEmpty()) {
                tunnels.close();
                forwards.close();
            }
        };
        try {
            JupyterHealth health = new JupyterHealth(Duration.ofSeconds(5));
            NotebookOpener opener = new NotebookOpener(sessions, tunnels, notebookServer(sessions), health);
            Connect connect = new Connect(context.lifecycle(), new NotebookReach(opener, forwards, health));
            NotebookUrl url;
            try {
                url = connect.connect(target, consent(), new CliProgress(context));
            } catch (app.tether.workflow.WebPageOnly page) {
                return CnbCli.show(context, page.url(), !noBrowser);
            }
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
            if (instance.isPresent()) {
                context.err().println("tether: " + Messages.get("instance.open.held", target.name()));
                return 0;
            }
            tunnels.tunnels(target.name()).ifPresent(t -> Foreground.reportChanges(context, t.all()));
            AutoCloseable watching = watchPreemption(target, tunnels);
            return Foreground.holdUntilStopped(() -> {
                watching.close();
                held.close();
            });
        } finally {
            held.close();
        }
    }

    /**
     * A Spot VM whose "restart after preemption" is ask or automatic is watched while its tunnel is held: its
     * events go to stderr, and an automatic restart brings the same URL back.
     */
    private AutoCloseable watchPreemption(Target target, TunnelService tunnels) {
        if (!(target instanceof app.tether.inventory.GceInstance vm)
                || vm.preemptionRestart() == app.tether.inventory.PreemptionRestart.OFF) {
            return () -> { };
        }
        app.tether.watch.PreemptionWatcher<app.tether.inventory.GceInstance> watcher = WatchCommand.watcher(context,
                tunnels, java.util.List.of(vm.name()), event -> {
                    synchronized (context.err()) {
                        context.err().println(Cli.oneLine(event.message()));
                        context.err().flush();
                    }
                });
        watcher.start();
        return watcher::close;
    }

    private int printDirect(Target target) throws InterruptedException {
        NotebookAccess access = context.providers().forTarget(target).access(target, new CliProgress(context));
        if (!(access instanceof NotebookAccess.OverHttps https)) {
            throw new TetherException(ErrorCode.USAGE, "cli.open.noDirect", target.name());
        }
        String base = https.base().toString();
        String url = (base.endsWith("/") ? base : base + "/") + "lab"
                + (https.token() == null ? "" : "?token=" + URLEncoder.encode(https.token(), StandardCharsets.UTF_8));
        context.err().println(Messages.get("cli.open.direct"));
        context.out().println(url);
        context.out().flush();
        return 0;
    }

    /** --yes agrees; otherwise the terminal is asked, and without one the start is refused with a hint. */
    private Consent consent() {
        if (yes) {
            return Consent.ALWAYS;
        }
        return (target, state) -> {
            String price = context.lifecycle().startPrice(target, state)
                    .orElseGet(() -> Messages.get("connect.priceUnknown"));
            if (!context.console().present()) {
                throw new TetherException(ErrorCode.USAGE, "connect.needYes", target.name(), price);
            }
            String answer = context.console().ask(Messages.get("connect.confirmPaid", target.name(),
                    Lifecycle.describe(target, state), price), false).orElse(null);
            return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes|是");
        };
    }

    /** Jupyter's port and token, starting it when Tether set it up and it is stopped. */
    private NotebookServer notebookServer(SshSessions sessions) {
        return new JupyterNotebookServer(new JupyterService(sessions, context.environment()),
                new JupyterSecrets(context.environment()));
    }
}
