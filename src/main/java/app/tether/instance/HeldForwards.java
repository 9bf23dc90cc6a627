package app.tether.instance;

import app.tether.inventory.SshServer;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.ChangeListeners;
import app.tether.tunnel.PooledSessionSource;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TunnelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The forwards ({@code tether forward}) the instance holds for its clients, so that they outlive the command that
 * asked for them and a second {@code forward} of the same port finds the first one instead of moving it.
 */
public final class HeldForwards implements AutoCloseable {
    private final SshSessions sessions;
    private final PortMemory memory;
    private final List<StableTunnel> held = new ArrayList<>();
    private final ChangeListeners changes = new ChangeListeners();

    public HeldForwards(SshSessions sessions, PortMemory memory) {
        this.sessions = sessions;
        this.memory = memory;
    }

    /**
     * The forward for {@code spec} of {@code target}: the one held already (same target, remote and local port,
     * where the local port was given), else a new one on the remembered or given port.
     */
    public StableTunnel open(SshServer target, TunnelSpec spec) {
        StableTunnel tunnel;
        synchronized (this) {
            for (StableTunnel have : held) {
                TunnelSpec haveSpec = have.spec();
                if (haveSpec.targetName().equals(spec.targetName()) && haveSpec.remote().equals(spec.remote())
                        && (spec.localPort() == 0 || spec.localPort() == have.localPort())) {
                    return have;
                }
            }
            tunnel = StableTunnel.open(new PooledSessionSource(sessions, target), spec, memory);
            held.add(tunnel);
        }
        changes.fire();
        return tunnel;
    }

    public synchronized List<StableTunnel> all() {
        return List.copyOf(held);
    }

    /**
     * Runs {@code listener} after every change of what is held, outside this object's lock (see
     * {@link ChangeListeners}); closing the handle stops it.
     */
    public ChangeListeners.Subscription onChange(Runnable listener) {
        return changes.add(listener);
    }

    /** Closes the held forwards that {@code which} names (their target's name or their local port); how many. */
    public int close(String which) {
        return closeWhere(tunnel -> names(tunnel, which));
    }

    /** Closes the held forwards of the target called {@code targetName}; how many. */
    public int closeTarget(String targetName) {
        return closeWhere(tunnel -> tunnel.spec().targetName().equals(targetName));
    }

    private int closeWhere(Predicate<StableTunnel> which) {
        List<StableTunnel> closing;
        synchronized (this) {
            closing = held.stream().filter(which).toList();
            closing.forEach(StableTunnel::close);
            held.removeAll(closing);
        }
        if (!closing.isEmpty()) {
            changes.fire();
        }
        return closing.size();
    }

    static boolean names(StableTunnel tunnel, String which) {
        return tunnel.spec().targetName().equals(which) || String.valueOf(tunnel.localPort()).equals(which);
    }

    @Override
    public void close() {
        closeWhere(tunnel -> true);
    }
}
