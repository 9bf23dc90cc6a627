package app.tether.cli;

import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.handoff.JupyterNotebookServer;
import app.tether.handoff.NotebookOpener;
import app.tether.handoff.NotebookUrl;
import app.tether.inventory.GceInstance;
import app.tether.inventory.Inventory;
import app.tether.inventory.Target;
import app.tether.jupyter.JupyterSecrets;
import app.tether.jupyter.JupyterService;
import app.tether.providers.NotebookAccess;
import app.tether.providers.gce.GceOperationFailure;
import app.tether.providers.gce.GceProvider;
import app.tether.tunnel.JupyterHealth;
import app.tether.tunnel.TunnelService;
import app.tether.watch.PreemptionWatcher;
import app.tether.watch.TunnelReopen;
import app.tether.watch.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether watch NAME… [--json] [--open]}: watches GCE VMs until interrupted, one line (or JSON object) per
 * event; restarts a preempted VM when its setting says so, and with {@code --open} holds its notebook tunnel,
 * which serves again on the same local port after an automatic restart.
 */
@Command(name = "watch", description = {
    "Watch VMs until interrupted: one line per event (state change, preemption, restart).",
    "A preempted VM is started again when its 'restart after preemption' is automatic; with --open the notebook",
    "tunnel is held too and serves again on the same URL after the restart."})
final class WatchCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The VMs to watch.")
    List<String> names;

    @Option(names = "--json", description = "One JSON object per event: {at, target, type, state, message}.")
    boolean json;

    @Option(names = "--open", description = "Also open each VM's notebook tunnel and print its URL.")
    boolean open;

    WatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Inventory inventory = context.store().load();
        if (inventory.require(names.get(0)) instanceof app.tether.inventory.CnbWorkspace) {
            return CnbCli.watch(context, names, this::print);
        }
        List<String> wanted = new ArrayList<>();
        for (String name : names) {
            Target target = inventory.require(name);
            if (!(target instanceof GceInstance)) {
                throw new TetherException(ErrorCode.INVALID, "watch.cli.notGce", target.name());
            }
            wanted.add(target.name());
        }
        GceProvider provider = new GceProvider(context.environment());
        TunnelService tunnels = new TunnelService(context.sshSessions(), context.environment());
        if (open) {
            openNotebooks(provider, tunnels, wanted);
        }
        PreemptionWatcher<GceInstance> watcher = watcher(context, provider, tunnels, wanted, this::print);
        context.err().println(Messages.get("watch.cli.watching", String.join(", ", wanted),
                String.valueOf(provider.pollInterval().toSeconds())));
        context.err().flush();
        watcher.start();
        return Foreground.holdUntilStopped(() -> {
            watcher.close();
            tunnels.close();
        });
    }

    /**
     * A watcher of {@code wanted} that restarts a preempted VM as its setting says and then reopens its tunnels in
     * {@code tunnels} on the same local ports; not started yet.
     */
    static PreemptionWatcher<GceInstance> watcher(CliContext context, GceProvider provider, TunnelService tunnels,
            List<String> wanted, java.util.function.Consumer<WatchEvent> events) {
        return new PreemptionWatcher<>(provider, () -> current(context, wanted), GceInstance::preemptionRestart,
                e -> e instanceof GceOperationFailure failure && failure.noCapacity(),
                new TunnelReopen<>(provider, context.sshSessions(), tunnels, Duration.ofMinutes(3)),
                events, PreemptionWatcher.Backoff.STANDARD, BackgroundExecutors.scheduler("watch", 1),
                BackgroundExecutors.pool("watch-restart"));
    }

    /** The targets as they are in the list now (a setting changed in the window applies at the next round). */
    private static List<GceInstance> current(CliContext context, List<String> wanted) {
        Inventory inventory = context.store().load();
        List<GceInstance> targets = new ArrayList<>();
        for (String name : wanted) {
            inventory.find(name).filter(GceInstance.class::isInstance).map(GceInstance.class::cast)
                    .ifPresent(targets::add);
        }
        return targets;
    }

    private void openNotebooks(GceProvider provider, TunnelService tunnels, List<String> wanted)
            throws InterruptedException {
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
