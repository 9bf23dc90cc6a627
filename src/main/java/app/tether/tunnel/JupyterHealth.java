package app.tether.tunnel;

import app.tether.core.BackgroundExecutors;
import app.tether.jupyter.NotebookUi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Whether a Jupyter forward works end to end: {@code GET /api/status} through the local port, with the
 * token, answers 200. Also finds which web UI the server has (JupyterLab, classic Notebook, or neither).
 */
public final class JupyterHealth {
    private static final ExecutorService HTTP_THREADS = BackgroundExecutors.pool("tunnel-http");
    private static final Duration POLL = Duration.ofMillis(250);

    private final Duration timeout;
    private final HttpClient client;

    public JupyterHealth(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).executor(HTTP_THREADS)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** HTTP status of {@code /api/status} through the forward, or -1 when nothing answers. */
    public int statusCode(int localPort, String basePath, String token) {
        return get(localPort, basePath, "api/status", token);
    }

    /**
     * Polls until healthy or {@code within} has passed. A server that answers 403 to the token is running and
     * refusing it (another setup changed it): that will not change by waiting, so it returns false at once.
     */
    public boolean awaitHealthy(int localPort, String basePath, String token, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            int code = statusCode(localPort, basePath, token);
            if (token != null ? code == 200 : code > 0 && code < 500) {
                return true;
            }
            if ((token != null && code == 403) || System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The web interface the server offers through the forward ({@link NotebookUi#NONE} also when nothing answers). */
    public NotebookUi ui(int localPort, String basePath, String token) {
        return NotebookUi.find(path -> get(localPort, basePath, path, token)).orElse(NotebookUi.NONE);
    }

    /** {@code "lab"} for JupyterLab, else {@code "tree"} for the classic Notebook, else {@code ""}. */
    public String uiPath(int localPort, String basePath, String token) {
        return ui(localPort, basePath, token).path();
    }

    private int get(int localPort, String basePath, String path, String token) {
        String base = basePath == null || basePath.isBlank() ? "/" : basePath;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + base + path))
                .timeout(timeout).GET();
        if (token != null) {
            request.header("Authorization", "token " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
