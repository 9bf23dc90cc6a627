package app.tether.handoff;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.jupyter.NotebookUi;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.JupyterHealth;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TargetTunnels;
import app.tether.tunnel.TunnelService;
import java.time.Duration;

/**
 * The "open notebook" flow shared by the window and {@code tether open}: the target answers over SSH,
 * Jupyter runs (started when set up but stopped), the tunnel is connected, and {@code /api/status}
 * answers through it; the result is the address to open.
 */
public final class NotebookOpener {
    private static final int STEPS = 4;
    private static final Duration TUNNEL_WAIT = Duration.ofSeconds(30);
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);

    private final SshSessions sessions;
    private final TunnelService tunnels;
    private final NotebookServer notebooks;
    private final JupyterHealth health;

    public NotebookOpener(SshSessions sessions, TunnelService tunnels, NotebookServer notebooks, JupyterHealth health) {
        this.sessions = sessions;
        this.tunnels = tunnels;
        this.notebooks = notebooks;
        this.health = health;
    }

    /** Runs the flow (blocking; call it off the FX thread); the tunnel stays open in the TunnelService. */
    public NotebookUrl open(SshServer target, Progress progress) throws InterruptedException {
        progress.step(0, STEPS, Messages.get("handoff.step.connect", target.name()));
        sessions.session(target);
        progress.step(1, STEPS, Messages.get("handoff.step.jupyter"));
        NotebookEndpoint endpoint = notebooks.ensureRunning(target, progress);
        progress.step(2, STEPS, Messages.get("handoff.step.tunnel"));
        TargetTunnels opened = tunnels.open(target, endpoint.remoteHost(), endpoint.remotePort());
        opened.problems().values().forEach(progress::line);
        StableTunnel jupyter = opened.jupyter();
        if (!jupyter.awaitConnected(TUNNEL_WAIT)) {
            throw new TetherException(ErrorCode.CANNOT_CONNECT, "handoff.error.tunnel", target.name(),
                    jupyter.status().describe(java.time.Instant.now()));
        }
        progress.step(3, STEPS, Messages.get("handoff.step.answer", String.valueOf(jupyter.localPort())));
        int port = jupyter.localPort();
        if (endpoint.token() == null && health.statusCode(port, endpoint.basePath(), null) < 0) {
            // Not set up by Tether and nothing listens there: nobody is starting a Jupyter, so say what to do now.
            throw new TetherException(ErrorCode.NOT_FOUND, "handoff.error.notSetUp", target.name(),
                    String.valueOf(endpoint.remotePort()));
        }
        if (!health.awaitHealthy(port, endpoint.basePath(), endpoint.token(), ANSWER_WAIT)) {
            int code = health.statusCode(port, endpoint.basePath(), endpoint.token());
            throw new TetherException(ErrorCode.REMOTE_FAILED, code == 403 ? "handoff.error.token" : "handoff.error.notAnswering",
                    target.name(), String.valueOf(endpoint.remotePort()), code < 0 ? "-" : String.valueOf(code));
        }
        NotebookUi ui = health.ui(port, endpoint.basePath(), endpoint.token());
        if (ui == NotebookUi.NONE) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.noUi", target.name());
        }
        return new NotebookUrl(port, endpoint.basePath(), ui.path(), endpoint.token());
    }
}
