package app.tether.instance;

import app.tether.inventory.SshServer;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.PooledSessionSource;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TunnelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The forwards ({@code tether forward}) the instance holds for its clients, so that they outlive the command that
 * asked for them and a second {@code forward} of the same port finds the first one instead of moving it.
 */
public final class HeldForwards implements AutoCloseable {
    private final SshSessions sessions;
    private final PortMemory memory;
    private final List<StableTunnel> held = new ArrayList<>();

    public HeldForwards(SshSessions sessions, PortMemory memory) {
        this.sessions = sessions;
        this.memory = memory;
    }

    /**
     * The forward for {@code spec} of {@code target}: the one held already (same target, remote and local port,
     * where the local port was given), else a new one on the remembered or given port.
     */
    public synchronized StableTunnel open(SshServer target, TunnelSpec spec) {
        for (StableTunnel tunnel : held) {
            TunnelSpec have = tunnel.spec();
            if (have.targetName().equals(spec.targetName()) && have.remote().equals(spec.remote())
                    && (spec.localPort() == 0 || spec.localPort() == tunnel.localPort())) {
                return tunnel;
            }
        }
        StableTunnel tunnel = StableTunnel.open(new PooledSessionSource(sessions, target), spec, memory);
        held.add(tunnel);
        return tunnel;
    }

    public synchronized List<StableTunnel> all() {
        return List.copyOf(held);
    }

    /** Closes the held forwards that {@code which} names (their target's name or their local port); how many. */
    public synchronized int close(String which) {
        List<StableTunnel> closing = held.stream().filter(t -> names(t, which)).toList();
        closing.forEach(StableTunnel::close);
        held.removeAll(closing);
        return closing.size();
    }

    static boolean names(StableTunnel tunnel, String which) {
        return tunnel.spec().targetName().equals(which) || String.valueOf(tunnel.localPort()).equals(which);
    }

    @Override
    public synchronized void close() {
        held.forEach(StableTunnel::close);
        held.clear();
    }
}
