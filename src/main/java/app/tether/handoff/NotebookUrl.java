package app.tether.handoff;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The address a browser opens: {@code http://127.0.0.1:PORT/BASE/lab?token=...} through the tunnel.
 * {@link #toString()} hides the token, so logging one by mistake leaks nothing.
 */
public record NotebookUrl(int localPort, String basePath, String uiPath, String token) {
    public NotebookUrl {
        basePath = basePath == null || basePath.isBlank() ? "/" : basePath;
        uiPath = uiPath == null ? "" : uiPath;
    }

    /** The address to open, token included. */
    public URI uri() {
        return URI.create(text());
    }

    /** The address to open, token included, as text (for the clipboard or the CLI's one line). */
    public String text() {
        String query = token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return root() + uiPath + query;
    }

    /** The server's root through the tunnel, without the token (for JetBrains "Configured server" too). */
    public String root() {
        return "http://127.0.0.1:" + localPort + basePath;
    }

    @Override
    public String toString() {
        return root() + uiPath + (token == null ? "" : "?token=***");
    }
}
