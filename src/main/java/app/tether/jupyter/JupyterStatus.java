package app.tether.jupyter;

import java.time.Instant;

/**
 * Jupyter on one server as last seen: whether Tether set it up, whether it runs, and what the server says
 * about itself (null = unknown, e.g. not running or no token to ask with).
 */
public record JupyterStatus(boolean setUp, boolean running, Integer port, ServiceKind service, String version,
        Integer kernels, Instant lastActivity) {

    public static JupyterStatus notSetUp() {
        return new JupyterStatus(false, false, null, null, null, null, null);
    }
}
