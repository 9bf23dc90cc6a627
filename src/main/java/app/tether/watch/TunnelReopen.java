package app.tether.watch;

import app.tether.core.ErrorCode;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.Target;
import app.tether.providers.NotebookAccess;
import app.tether.providers.Provider;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TargetTunnels;
import app.tether.tunnel.TunnelService;
import java.time.Duration;
import java.util.Optional;

/**
 * After an automatic restart: reach the VM again (its address and instance may be new) and put the tunnel that
 * was open back on the same local port, so the URL in the browser keeps working; waits until it forwards again.
 * A target with no open tunnel only gets its access refreshed (the key in its metadata).
 */
public final class TunnelReopen<T extends Target> implements PreemptionWatcher.AfterRestart<T> {
    private final Provider<T> provider;
    private final SshSessions sessions;
    private final TunnelService tunnels;
    private final Duration within;

    public TunnelReopen(Provider<T> provider, SshSessions sessions, TunnelService tunnels, Duration within) {
        this.provider = provider;
        this.sessions = sessions;
        this.tunnels = tunnels;
        this.within = within;
    }

    @Override
    public void reconnect(T target, Progress progress) throws InterruptedException {
        NotebookAccess access = provider.access(target, progress);
        if (!(access instanceof NotebookAccess.OverSsh ssh)) {
            return;
        }
        sessions.invalidate(target.name()); // the old link went down with the VM
        Optional<TargetTunnels> open = tunnels.tunnels(target.name());
        if (open.isEmpty()) {
            return;
        }
        StableTunnel old = open.get().jupyter();
        // Same target settings: the tunnel reconnects by itself. New address or instance: reopened on the same port.
        StableTunnel jupyter = tunnels.open(ssh.server(), old.spec().remoteHost(), old.spec().remotePort()).jupyter();
        if (!jupyter.awaitConnected(within)) {
            throw new TetherException(ErrorCode.CANNOT_CONNECT, "watch.error.tunnel", target.name(),
                    String.valueOf(jupyter.localPort()));
        }
    }
}
