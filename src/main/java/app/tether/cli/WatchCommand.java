package app.tether.cli;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.handoff.JupyterNotebookServer;
import app.tether.handoff.NotebookOpener;
import app.tether.handoff.NotebookUrl;
import app.tether.inventory.GceInstance;
import app.tether.inventory.Inventory;
import app.tether.inventory.Target;
import app.tether.inventory.Target;
import app.tether.jupyter.JupyterSecrets;
import app.tether.jupyter.JupyterService;
import app.tether.providers.NotebookAccess;
import app.tether.providers.gce.GceOperationFailure;
import app.tether.providers.gce.GceProvider;
import app.tether.tunnel.JupyterHealth;
import app.tether.tunnel.TunnelService;
import app.tether.tunnel.HttpForwards;
import app.tether.watch.Guard;
import app.tether.watch.Guards;
import app.tether.watch.PreemptionWatcher;
import app.tether.watch.TunnelLinkEvents;
import app.tether.watch.TunnelReopen;
import app.tether.watch.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether watch [NAME…] [--json] [--open]}: Tether's guard, headless, until interrupted — one line (or JSON
 * object) per event of the named targets (none: every target): state changes, GCE preemption and its restart as
 * the VM's setting says, CNB's end-of-workspace warnings, and idle auto-pause with its countdown. With
 * {@code --open} the notebook tunnels of the named GCE VMs are held too, and serve again on the same local port
 * after an automatic restart.
 */
@Command(name = "watch", description = {
    "Watch targets until interrupted (no NAME: every target): one line per event (state change, preemption,",
    "restart, end of a CNB workspace, idle pause countdown, paused by Tether).",
    "A preempted VM is started again when its 'restart after preemption' is automatic; an idle paid target is",
    "paused when its idle auto-pause is on (see 'tether idle'). With --open the notebook tunnels of the named GCE",
    "VMs are held too and serve again on the same URL after a restart."})
final class WatchCommand implements Callable<Integer> {
    /** The inventory is read again at most this often (a setting changed in the window applies soon). */
    private static final Duration REREAD = Duration.ofSeconds(5);
    private final CliContext context;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "The targets to watch (default: every target).")
    List<String> names = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per event: {at, target, type, state, message}.")
    boolean json;

    @Option(names = "--open", description = "Also open the notebook tunnel of each named GCE VM and print its URL.")
    boolean open;

    WatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Inventory inventory = context.store().load();
        List<String> wanted = new ArrayList<>();
        for (String name : names) {
            wanted.add(inventory.require(name).name());
        }
        TunnelService tunnels = new TunnelService(context.sshSessions(), context.environment());
        tunnels.onLinkChange(new TunnelLinkEvents(this::print, Clock.systemUTC()));
        HttpForwards forwards = new HttpForwards(context.environment());
        if (open) {
            openNotebooks(tunnels, wanted);
        }
        Guard guard = Guards.standard(new Guards.Parts(context.environment(), context.lifecycle(),
                context::sshSessions, tunnels, forwards,
                Guards.rereading(() -> context.store().load().targets(), REREAD)), Set.copyOf(wanted), this::print,
                name -> { });
        context.err().println(Messages.get("watch.cli.watchingAll", wanted.isEmpty()
                ? Messages.get("watch.cli.everyTarget") : String.join(", ", wanted)));
        context.err().flush();
        guard.start();
        return Foreground.holdUntilStopped(() -> {
            guard.close();
            tunnels.close();
            forwards.close();
        });
    }

    /**
     * A watcher of {@code wanted} that restarts a preempted VM as its setting says and then reopens its tunnels in
     * {@code tunnels} on the same local ports, hearing this process's polls; not started yet.
     */
    static PreemptionWatcher<GceInstance> watcher(CliContext context, TunnelService tunnels, List<String> wanted,
            java.util.function.Consumer<WatchEvent> events) {
        GceProvider provider = (GceProvider) context.providers().all().stream()
                .filter(p -> p.kind() == app.tether.inventory.TargetKind.GCE).findFirst().orElseThrow();
        return new PreemptionWatcher<>(provider, context.lifecycle().polls(), context.lifecycle().guard(),
                Guards.rereading(() -> current(context, wanted), REREAD), GceInstance::preemptionRestart,
                e -> e instanceof GceOperationFailure failure && failure.noCapacity(),
                new TunnelReopen<>(provider, context.sshSessions(), tunnels, Duration.ofMinutes(3)),
                events, PreemptionWatcher.Backoff.STANDARD, BackgroundExecutors.pool("watch-restart"));
    }

    /** The targets as they are in the list now (a setting changed in the window applies within {@link #REREAD}). */
    private static List<GceInstance> current(CliContext context, List<String> wanted) {
        Inventory inventory = context.store().load();
        List<GceInstance> targets = new ArrayList<>();
        for (String name : wanted) {
            inventory.find(name).filter(GceInstance.class::isInstance).map(GceInstance.class::cast)
                    .ifPresent(targets::add);
        }
        return targets;
    }

    private void openNotebooks(TunnelService tunnels, List<String> wanted) throws InterruptedException {
        GceProvider provider = (GceProvider) context.providers().all().stream()
                .filter(p -> p.kind() == app.tether.inventory.TargetKind.GCE).findFirst().orElseThrow();
        var sessions = context.sshSessions();
        NotebookOpener opener = new NotebookOpener(sessions, tunnels, new JupyterNotebookServer(
                new JupyterService(sessions, context.environment()), new JupyterSecrets(context.environment())),
                new JupyterHealth(Duration.ofSeconds(5)));
        for (GceInstance target : current(context, wanted)) {
            NotebookAccess access = provider.access(target, GceCommand.progress(context));
            if (access instanceof NotebookAccess.OverSsh ssh) {
                NotebookUrl url = opener.open(ssh.server(), GceCommand.progress(context));
                synchronized (context.out()) {
                    context.out().println(url.text());
                    context.out().flush();
                }
                Foreground.reportChanges(context, tunnels.tunnels(target.name()).orElseThrow().all());
            }
        }
    }

    private void print(WatchEvent event) {
        synchronized (context.out()) {
            if (json) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("at", event.at().toString());
                object.put("target", event.target());
                object.put("type", event.type().id());
                object.put("state", event.state() == null ? null : event.state().id());
                object.put("message", event.message());
                JsonOutput.print(context.out(), object);
            } else {
                context.out().println(event.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " "
                        + event.type().id() + " " + Cli.oneLine(event.message()));
                context.out().flush();
            }
        }
    }
}
