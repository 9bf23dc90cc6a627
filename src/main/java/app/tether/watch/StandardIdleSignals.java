package app.tether.watch;

import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.jupyter.JupyterSecrets;
import app.tether.probe.ServerStatus;
import app.tether.probe.StatusProbe;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.Providers;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.HttpForwarder;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TargetTunnels;
import app.tether.tunnel.TunnelService;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The idle signals of every kind. Connections: counted on this process's tunnels and HTTPS forwarders to the target
 * (first, so the kernel request below is not counted). GPU: nvidia-smi over SSH for SSH servers and for cloud
 * targets reached over SSH; a Hugging Face Space cannot report it. Kernels: the Jupyter REST API through Tether's
 * open tunnel (SSH-reached targets) or directly at a Space's address with its credentials; a target whose notebook
 * Tether does not know cannot report it.
 */
public final class StandardIdleSignals implements IdleSignals {
    private final Providers providers;
    private final Supplier<SshSessions> sessions;
    private final TunnelService tunnels;
    private final HttpForwards forwards;
    private final JupyterSecrets secrets;
    /** How long a target's way in is reused (a restarted CNB workspace gets a new SSH address). */
    private static final java.time.Duration REACH_FOR = java.time.Duration.ofMinutes(10);
    /** How each target is reached, with when it was asked (the access call may ask the cloud). */
    private final Map<String, Object[]> reach = new ConcurrentHashMap<>();

    /**
     * @param tunnels this process's tunnels and {@code forwards} its forwarders; both null where the process holds
     *                none ({@code tether idle}): connections then cannot be reported
     */
    public StandardIdleSignals(Providers providers, Supplier<SshSessions> sessions, TunnelService tunnels,
            HttpForwards forwards, JupyterSecrets secrets) {
        this.providers = providers;
        this.sessions = sessions;
        this.tunnels = tunnels;
        this.forwards = forwards;
        this.secrets = secrets;
    }

    @Override
    public List<IdleSignal> read(Target target, LiveState state, IdleSettings settings) throws InterruptedException {
        IdleSignal connections = connections(target.name());
        return List.of(gpu(target, settings), kernels(target), connections);
    }

    private IdleSignal connections(String name) {
        if (tunnels == null) {
            return IdleSignal.cannotReport(IdleSignal.Source.CONNECTIONS, Messages.get("idle.connections.elsewhere"));
        }
        int open = tunnels.tunnels(name).map(TargetTunnels::all).orElse(List.of()).stream()
                .mapToInt(StableTunnel::activeConnections).sum()
                + forwards.forwarder(name).map(HttpForwarder::activeConnections).orElse(0);
        return open > 0 ? IdleSignal.busy(IdleSignal.Source.CONNECTIONS, Messages.get("idle.connections.open", open))
                : IdleSignal.idle(IdleSignal.Source.CONNECTIONS, Messages.get("idle.connections.none"));
    }

    private IdleSignal gpu(Target target, IdleSettings settings) throws InterruptedException {
        Optional<SshServer> server;
        try {
            server = sshServer(target);
        } catch (TetherException e) {
            forget(target.name());
            return IdleSignal.cannotReport(IdleSignal.Source.GPU, Messages.get("idle.gpu.failed", e.getLocalizedMessage()));
        }
        if (server.isEmpty()) {
            return IdleSignal.cannotReport(IdleSignal.Source.GPU, Messages.get("idle.gpu.notOverSsh"));
        }
        ServerStatus status = new StatusProbe(sessions.get()).probe(server.get());
        if (!status.online()) {
            forget(target.name());
            return IdleSignal.cannotReport(IdleSignal.Source.GPU, Messages.get("idle.gpu.failed", status.error()));
        }
        return GpuIdleness.of(status.gpus(), settings.thresholdPercent());
    }

    private Optional<SshServer> sshServer(Target target) throws InterruptedException {
        if (target instanceof SshServer server) {
            return Optional.of(server);
        }
        if (target.kind() == TargetKind.HF_SPACE) {
            return Optional.empty(); // a Space has no shell to ask nvidia-smi in
        }
        Object known = recalled(target.name() + "|ssh");
        if (known == null) {
            known = providers.forTarget(target).sshServer(target, Progress.NONE).map(s -> (Object) s).orElse("none");
            reach.put(target.name() + "|ssh", new Object[] {known, java.time.Instant.now()});
        }
        return known instanceof SshServer server ? Optional.of(server) : Optional.empty();
    }

    private IdleSignal kernels(Target target) throws InterruptedException {
        Optional<TargetTunnels> open = tunnels == null ? Optional.empty() : tunnels.tunnels(target.name());
        if (open.isPresent()) {
            URI base = URI.create("http://127.0.0.1:" + open.get().jupyter().localPort() + "/");
            return KernelActivity.read(base, Map.of(), secrets.token(target.name()).orElse(null));
        }
        if (target.kind() != TargetKind.HF_SPACE) {
            return IdleSignal.cannotReport(IdleSignal.Source.KERNELS, Messages.get("idle.kernels.noNotebook"));
        }
        NotebookAccess access;
        try {
            access = (NotebookAccess) recalled(target.name() + "|notebook");
            if (access == null) {
                access = providers.forTarget(target).access(target, Progress.NONE);
                reach.put(target.name() + "|notebook", new Object[] {access, java.time.Instant.now()});
            }
        } catch (TetherException e) {
            return IdleSignal.cannotReport(IdleSignal.Source.KERNELS,
                    Messages.get("idle.kernels.failed", e.getLocalizedMessage()));
        }
        if (!(access instanceof NotebookAccess.OverHttps https)) {
            return IdleSignal.cannotReport(IdleSignal.Source.KERNELS, Messages.get("idle.kernels.noNotebook"));
        }
        IdleSignal read = KernelActivity.read(https.base().toString().endsWith("/") ? https.base()
                : URI.create(https.base() + "/"), https.headers(), https.token());
        if (read.reading() == IdleSignal.Reading.CANNOT_REPORT) {
            forget(target.name()); // the address or credentials may have changed: ask again next time
        }
        return read;
    }

    private Object recalled(String key) {
        Object[] entry = reach.get(key);
        if (entry == null || java.time.Instant.now().isAfter(((java.time.Instant) entry[1]).plus(REACH_FOR))) {
            return null;
        }
        return entry[0];
    }

    /** Forgets how {@code name} is reached (it stopped, or reaching it failed). */
    public void forget(String name) {
        reach.remove(name + "|ssh");
        reach.remove(name + "|notebook");
    }
}
