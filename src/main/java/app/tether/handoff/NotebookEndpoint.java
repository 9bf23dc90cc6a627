package app.tether.handoff;

/**
 * Where a target's Jupyter listens on the target (normally 127.0.0.1), its base path ("/" unless
 * configured) and the token to open it with (null when it uses a password instead).
 */
public record NotebookEndpoint(String remoteHost, int remotePort, String basePath, String token) {
    public NotebookEndpoint {
        remoteHost = remoteHost == null || remoteHost.isBlank() ? "127.0.0.1" : remoteHost;
        basePath = normalise(basePath);
        token = token == null || token.isBlank() ? null : token;
    }

    private static String normalise(String path) {
        String p = path == null || path.isBlank() ? "/" : path.strip();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.endsWith("/") ? p : p + "/";
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "NotebookEndpoint[" + remoteHost + ":" + remotePort + basePath + (token == null ? "" : ", token=***") + "]";
    }
}
