package app.tether.jupyter;

import java.time.Instant;

/**
 * Jupyter on one server as last seen: whether Tether set it up, whether it runs, and what the server says
 * about itself (null = unknown, e.g. not running or no token to ask with).
 *
 * @param lastActivity the user's last activity (kernels, terminals, API requests; Tether's own requests excluded)
 * @param ui the web interface found ({@link NotebookUi#NONE} when the server has none), null when not checked
 */
public record JupyterStatus(boolean setUp, boolean running, Integer port, ServiceKind service, String version,
        Integer kernels, Instant lastActivity, NotebookUi ui) {

    /** A status whose interface was not checked. */
    public JupyterStatus(boolean setUp, boolean running, Integer port, ServiceKind service, String version,
            Integer kernels, Instant lastActivity) {
        this(setUp, running, port, service, version, kernels, lastActivity, null);
    }

    public static JupyterStatus notSetUp() {
        return new JupyterStatus(false, false, null, null, null, null, null, null);
    }

    /** Runs, and was found to offer no notebook interface: nothing a person can work in. */
    public boolean withoutUi() {
        return running && ui == NotebookUi.NONE;
    }
}
