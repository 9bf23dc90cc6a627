package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.GceInstance;
import app.tether.inventory.SshServer;
import app.tether.jupyter.JupyterApi;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * The JupyterLab a Deep Learning VM image already runs on 8080: {@code jupyter setup} reuses it instead of
 * installing a second one, and {@code open} reaches it on that port (the provider names it).
 */
final class PreinstalledJupyter {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    private PreinstalledJupyter() {
    }

    /**
     * True (and says so) when {@code server} is a GCE Deep Learning VM whose own Jupyter answers on its port and
     * the user asked for no other port; false when Tether should set up its own.
     */
    static boolean reused(CliContext context, SshServer server, Integer requestedPort) {
        Integer port = server.jupyter().port();
        if (requestedPort != null || port == null
                || !(context.store().load().require(server.name()) instanceof GceInstance)
                || !answers(context, server, port)) {
            return false;
        }
        context.out().println(Messages.get("gce.jupyter.reused", server.name(), String.valueOf(port)));
        return true;
    }

    /** Whether a Jupyter (its {@code /api/status}: 200, or 403 asking for a token) answers on the VM's port. */
    private static boolean answers(CliContext context, SshServer server, int port) {
        ClientSession session = context.sshSessions().session(server);
        SshdSocketAddress local;
        try {
            local = session.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", 0),
                    new SshdSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, e, "jupyter.error.forward", port, e.getMessage());
        }
        try {
            int code = new JupyterApi(URI.create("http://127.0.0.1:" + local.getPort() + "/"), null, HTTP_TIMEOUT)
                    .statusCode();
            return code == 200 || code == 403;
        } catch (TetherException nothingThere) {
            return false;
        } finally {
            try {
                session.stopLocalPortForwarding(local);
            } catch (IOException ignored) {
                // the session closes with the command anyway
            }
        }
    }
}
