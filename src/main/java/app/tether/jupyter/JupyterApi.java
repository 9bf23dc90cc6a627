package app.tether.jupyter;

import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** A small client for a Jupyter server's REST API ({@code /api}, {@code /api/status}, {@code /api/kernels}). */
public final class JupyterApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExecutorService HTTP_THREADS = BackgroundExecutors.pool("jupyter-http");
    /** The query parameter jupyter_server and Notebook 6 read to leave {@code last_activity} alone. */
    static final String NO_TRACK = "no_track_activity=1";

    /**
     * What {@code /api/status} reports. {@code lastActivity} is the latest of the user's API requests, kernel
     * and terminal activity (Tether's own requests excluded, see {@link #NO_TRACK}), or the server's start.
     */
    public record ServerState(int kernels, int connections, Instant lastActivity, Instant started) {
    }

    /** One running kernel from {@code /api/kernels}. */
    public record Kernel(String id, String name, String executionState, Instant lastActivity, int connections) {
    }

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param base the server's URL including its base_url (e.g. {@code http://127.0.0.1:8888/})
     * @param token the token to send, or null to send none
     */
    public JupyterApi(URI base, String token, Duration timeout) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).executor(HTTP_THREADS)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The HTTP status of {@code GET /api/status}: 200 when the token is accepted, 403 without a valid one. */
    public int statusCode() {
        return send("api/status").statusCode();
    }

    public ServerState state() {
        JsonNode node = json("api/status");
        return new ServerState(node.path("kernels").asInt(0), node.path("connections").asInt(0),
                instant(node.path("last_activity").asText(null)), instant(node.path("started").asText(null)));
    }

    /** The server's version from {@code GET /api} (jupyter_server's version, not JupyterLab's). */
    public String version() {
        return json("api").path("version").asText(null);
    }

    public List<Kernel> kernels() {
        List<Kernel> kernels = new ArrayList<>();
        for (JsonNode node : json("api/kernels")) {
            kernels.add(new Kernel(node.path("id").asText(), node.path("name").asText(),
                    node.path("execution_state").asText(null), instant(node.path("last_activity").asText(null)),
                    node.path("connections").asInt(0)));
        }
        return kernels;
    }

    /** The web interface the server offers (checked with the token), or null when nothing answered. */
    public NotebookUi ui() {
        return NotebookUi.find(path -> {
            try {
                return send(path).statusCode();
            } catch (TetherException e) {
                return -1;
            }
        }).orElse(null);
    }

    private JsonNode json(String path) {
        HttpResponse<String> response = send(path);
        if (response.statusCode() != 200) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.http", path, response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, e, "jupyter.error.http", path, e.getMessage());
        }
    }

    private HttpResponse<String> send(String path) {
        // Tether's own requests must not count as the user's activity: API handlers skip it when asked to.
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + "?" + NO_TRACK))
                .timeout(timeout).GET();
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "token " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.CANNOT_CONNECT, e, "jupyter.error.unreachable", base.resolve(path),
                    String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TetherException(ErrorCode.FAILURE, e, "jupyter.error.unreachable", base.resolve(path),
                    "interrupted");
        }
    }

    private static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
