package app.tether.tunnel;

import app.tether.core.Environment;
import app.tether.core.TetherException;
import app.tether.inventory.PortForward;
import app.tether.inventory.SshServer;
import app.tether.ssh.SshSessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every target's tunnels for the life of the app (or of a CLI command): opening is idempotent, closing a
 * target frees its ports, and {@link #close()} (on quit) closes them all.
 */
public final class TunnelService implements AutoCloseable {
    private final SshSessions sessions;
    private final PortMemory memory;
    private final Map<String, TargetTunnels> open = new LinkedHashMap<>();
    private final Map<String, SshServer> targets = new LinkedHashMap<>();
    private final List<TunnelLinkListener> linkListeners = new CopyOnWriteArrayList<>();
    private final ChangeListeners changes = new ChangeListeners();

    public TunnelService(SshSessions sessions, Environment environment) {
        this(sessions, PortMemory.in(environment));
    }

    public TunnelService(SshSessions sessions, PortMemory memory) {
        this.sessions = sessions;
        this.memory = memory;
    }

    /**
     * Opens the target's Jupyter forward (to {@code jupyterHost:jupyterPort} on the target) and its extra
     * forwards, or returns them when already open for the same settings. Throws TetherException when the
     * Jupyter forward cannot listen; extra forwards that cannot are reported in {@link TargetTunnels#problems()}.
     */
    public TargetTunnels open(SshServer target, String jupyterHost, int jupyterPort) {
        boolean changed = false;
        try {
            synchronized (this) {
                TargetTunnels existing = open.get(target.name());
                TunnelSpec jupyterSpec = new TunnelSpec(target.name(), 0, jupyterHost, jupyterPort);
                if (existing != null && target.equals(targets.get(target.name()))
                        && existing.jupyter().spec().equals(jupyterSpec)) {
                    return existing;
                }
                changed = closeLocked(target.name());
                TargetTunnels tunnels = openLocked(target, jupyterSpec);
                changed = true;
                return tunnels;
            }
        } finally {
            if (changed) {
                changes.fire();
            }
        }
    }

    private TargetTunnels openLocked(SshServer target, TunnelSpec jupyterSpec) {
        SessionSource source = new PooledSessionSource(sessions, target);
        StableTunnel jupyter = StableTunnel.open(source, jupyterSpec, memory);
        List<StableTunnel> extras = new ArrayList<>();
        Map<TunnelSpec, String> problems = new LinkedHashMap<>();
        for (PortForward forward : target.forwards()) {
            TunnelSpec spec = TunnelSpec.of(target.name(), forward);
            try {
                extras.add(StableTunnel.open(source, spec, memory));
            } catch (TetherException e) {
                problems.put(spec, e.getLocalizedMessage());
            }
        }
        TargetTunnels tunnels = new TargetTunnels(target.name(), jupyter, extras, problems);
        tunnels.all().forEach(tunnel -> tunnel.addListener(new LinkTracker(tunnel, linkListeners)));
        open.put(target.name(), tunnels);
        targets.put(target.name(), target);
        return tunnels;
    }

    /**
     * Runs {@code listener} after every change of what is open (a target's tunnels opened, reopened on other
     * settings, closed), on the thread that made it and outside this service's lock; closing the handle stops it.
     */
    public ChangeListeners.Subscription onChange(Runnable listener) {
        return changes.add(listener);
    }

    /** Tells {@code listener} when any tunnel opened here loses its SSH link and when it serves again. */
    public void onLinkChange(TunnelLinkListener listener) {
        linkListeners.add(listener);
    }

    /** Every target's open tunnels, in the order they were opened. */
    public synchronized List<TargetTunnels> openTunnels() {
        return List.copyOf(open.values());
    }

    public synchronized Optional<TargetTunnels> tunnels(String targetName) {
        return Optional.ofNullable(open.get(targetName));
    }

    /** Closes the target's tunnels and frees their ports. */
    public void close(String targetName) {
        boolean closed;
        synchronized (this) {
            closed = closeLocked(targetName);
        }
        if (closed) {
            changes.fire();
        }
    }

    private boolean closeLocked(String targetName) {
        TargetTunnels tunnels = open.remove(targetName);
        targets.remove(targetName);
        if (tunnels != null) {
            tunnels.close();
        }
        return tunnels != null;
    }

    @Override
    public void close() {
        boolean closed = false;
        synchronized (this) {
            for (String name : List.copyOf(open.keySet())) {
                closed |= closeLocked(name);
            }
        }
        if (closed) {
            changes.fire();
        }
    }
}
