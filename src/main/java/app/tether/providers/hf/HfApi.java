package app.tether.providers.hf;

import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hugging Face Hub REST calls Tether makes (hf-spaces-api.md §1), spoken directly with a timeout on each.
 * Failures become {@link TetherException}s carrying the Hub's own message (X-Error-Message header and the
 * body's {@code error}): unreachable, 5xx and 429 exit 3, a refused token 3 with the kind of token needed,
 * 404 "not found", 400 "invalid", 409 "duplicate". The token goes only into the Authorization header.
 */
public final class HfApi {
    private static final Logger LOG = LoggerFactory.getLogger(HfApi.class);
    private static final ExecutorService HTTP_THREADS = BackgroundExecutors.pool("hf-http");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final URI endpoint;
    private final Supplier<String> token;
    private final HttpClient client;
    private final Duration timeout;

    /** {@code token} is asked per request (null: anonymous), so a login takes effect without a new client. */
    public HfApi(URI endpoint, Supplier<String> token, Duration timeout) {
        String base = endpoint.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).executor(HTTP_THREADS)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** {@code GET /api/whoami-v2}: who the token belongs to, and what kind of token it is. */
    public JsonNode whoami() throws InterruptedException {
        return send("GET", "/api/whoami-v2", null, "whoami");
    }

    /** {@code GET /api/spaces/{id}}: the Space with runtime, subdomain, host and private. */
    public JsonNode space(String spaceId) throws InterruptedException {
        return send("GET", "/api/spaces/" + spaceId, null, "read");
    }

    public JsonNode runtime(String spaceId) throws InterruptedException {
        return send("GET", "/api/spaces/" + spaceId + "/runtime", null, "read");
    }

    /** Every Space of {@code author}, with its runtime, following the {@code Link: rel="next"} pages. */
    public List<JsonNode> spaces(String author) throws InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        String next = "/api/spaces?author=" + URLEncoder.encode(author, StandardCharsets.UTF_8)
                + "&expand=runtime&expand=subdomain&expand=host&expand=private&limit=100";
        for (int page = 0; next != null && page < 50; page++) {
            HttpResponse<String> response = exchange("GET", next, null, "read");
            JsonNode body = parse(response.body());
            body.forEach(all::add);
            next = response.headers().firstValue("link").map(HfApi::nextLink).orElse(null);
        }
        return all;
    }

    public JsonNode pause(String spaceId) throws InterruptedException {
        return send("POST", "/api/spaces/" + spaceId + "/pause", null, "write");
    }

    public JsonNode restart(String spaceId, boolean factory) throws InterruptedException {
        return send("POST", "/api/spaces/" + spaceId + "/restart" + (factory ? "?factory=true" : ""), null, "write");
    }

    /** {@code sleepSeconds}: null to leave it, -1 never. */
    public JsonNode requestHardware(String spaceId, String flavor, Integer sleepSeconds) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("flavor", flavor);
        if (sleepSeconds != null) {
            body.put("sleepTimeSeconds", sleepSeconds);
        }
        return send("POST", "/api/spaces/" + spaceId + "/hardware", body, "write");
    }

    public JsonNode sleepTime(String spaceId, int seconds) throws InterruptedException {
        return send("POST", "/api/spaces/" + spaceId + "/sleeptime", JSON.createObjectNode().put("seconds", seconds),
                "write");
    }

    public JsonNode devMode(String spaceId, boolean enabled) throws InterruptedException {
        return send("POST", "/api/spaces/" + spaceId + "/dev-mode", JSON.createObjectNode().put("enabled", enabled),
                "write");
    }

    /** Sets a secret; its value goes only in the request body. */
    public void addSecret(String spaceId, String key, String value) throws InterruptedException {
        send("POST", "/api/spaces/" + spaceId + "/secrets", JSON.createObjectNode().put("key", key).put("value", value),
                "write");
    }

    public JsonNode hardware() throws InterruptedException {
        return send("GET", "/api/spaces/hardware", null, "read");
    }

    /** {@code POST /api/repos/create} (409 when the Space exists: nothing is overwritten). */
    public JsonNode createRepo(ObjectNode body) throws InterruptedException {
        return send("POST", "/api/repos/create", body, "write");
    }

    /**
     * Streams {@code GET /api/spaces/{id}/logs/build} (SSE), each line's {@code data} to {@code lines}, until the
     * stream ends or {@code stop} says so. Keep-alives (empty data) are skipped.
     */
    public void streamLogs(String spaceId, String which, Consumer<String> lines, Supplier<Boolean> stop)
            throws InterruptedException {
        HttpRequest request = request("GET", "/api/spaces/" + spaceId + "/logs/" + which, null)
                .timeout(Duration.ofMinutes(30)).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (response.statusCode() >= 300) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw HfErrors.failure(response.statusCode(), response.headers(), body, "read");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (!stop.get() && (line = reader.readLine()) != null) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.isEmpty()) {
                    continue;
                }
                try {
                    JsonNode event = JSON.readTree(data);
                    String text = event.path("data").asText("");
                    if (!text.isEmpty()) {
                        lines.accept(text.stripTrailing());
                    }
                } catch (IOException e) {
                    lines.accept(data);
                }
            }
        } catch (IOException e) {
            LOG.info("Log stream of {} ended: {}", spaceId, e.toString());
        }
    }

    private JsonNode send(String method, String path, JsonNode body, String need) throws InterruptedException {
        return parse(exchange(method, path, body, need).body());
    }

    private HttpResponse<String> exchange(String method, String path, JsonNode body, String need)
            throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request(method, path, body).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(e);
        }
        LOG.debug("{} {} -> {}", method, pathOnly(path), response.statusCode());
        if (response.statusCode() >= 400) {
            throw HfErrors.failure(response.statusCode(), response.headers(), response.body(), need);
        }
        return response;
    }

    private HttpRequest.Builder request(String method, String path, JsonNode body) {
        URI uri = path.startsWith("http") ? URI.create(path) : URI.create(endpoint + path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .header("User-Agent", "tether/" + app.tether.Version.current());
        String bearer = token.get();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        return builder;
    }

    private TetherException unreachable(IOException e) {
        String why = e instanceof HttpTimeoutException ? "timed out after " + timeout.toSeconds() + " s"
                : String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return new TetherException(ErrorCode.CANNOT_CONNECT, e, "hf.error.unreachable", endpoint.toString(), why);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, e, "hf.error.badAnswer", abbreviate(body));
        }
    }

    static String nextLink(String header) {
        Matcher matcher = NEXT_LINK.matcher(header);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
