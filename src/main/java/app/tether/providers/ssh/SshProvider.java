package app.tether.providers.ssh;

import app.tether.core.ErrorCode;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.probe.GpuSample;
import app.tether.probe.ServerStatus;
import app.tether.probe.StatusProbe;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.Provider;
import app.tether.providers.TargetAction;
import app.tether.ssh.SshSessions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The user's own SSH servers as a provider: observed by the status probe (online, offline, login refused,
 * host key unknown or changed), reached over SSH. Tether never starts or stops such a server, so no action
 * is supported.
 */
public final class SshProvider implements Provider<SshServer> {
    private final Supplier<SshSessions> sessions;

    /** {@code sessions} is asked on first use, so commands that never probe open nothing. */
    public SshProvider(Supplier<SshSessions> sessions) {
        this.sessions = sessions;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.SSH;
    }

    @Override
    public Class<SshServer> targetType() {
        return SshServer.class;
    }

    @Override
    public Map<String, LiveState> observe(List<SshServer> targets) {
        StatusProbe probe = new StatusProbe(sessions.get());
        Map<String, LiveState> states = new LinkedHashMap<>();
        for (SshServer target : targets) {
            states.put(target.name(), liveState(probe.probe(target)));
        }
        return states;
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Set<TargetAction> supported(SshServer target) {
        return EnumSet.noneOf(TargetAction.class);
    }

    @Override
    public boolean paid(SshServer target, LiveState state) {
        return false; // whatever it costs is not started by Tether
    }

    @Override
    public LiveState perform(SshServer target, TargetAction action, Progress progress) {
        throw new TetherException(ErrorCode.USAGE, "lifecycle.error.unsupported.ssh", target.name(),
                action.id());
    }

    @Override
    public NotebookAccess access(SshServer target, Progress progress) {
        return new NotebookAccess.OverSsh(target);
    }

    /** A probe result in the provider layer's words: the hardware is the GPUs seen ("2x NVIDIA H100"). */
    public static LiveState liveState(ServerStatus status) {
        TargetState state = switch (status.reachability()) {
            case ONLINE -> TargetState.ONLINE;
            case OFFLINE -> TargetState.OFFLINE;
            case AUTH_FAILED -> TargetState.AUTH_FAILED;
            case HOST_KEY_CHANGED -> TargetState.HOST_KEY_CHANGED;
            case HOST_KEY_UNKNOWN -> TargetState.HOST_KEY_UNKNOWN;
        };
        return new LiveState(state, null, gpus(status.gpus()), null, status.error(), status.at());
    }

    private static String gpus(List<GpuSample> gpus) {
        if (gpus.isEmpty()) {
            return null;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (GpuSample gpu : gpus) {
            counts.merge(gpu.name() == null ? "GPU" : gpu.name(), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((name, count) -> {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(count > 1 ? count + "x " + name : name);
        });
        return text.toString();
    }
}
