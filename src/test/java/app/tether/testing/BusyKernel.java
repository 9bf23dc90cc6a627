package app.tether.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A kernel of a real Jupyter server kept busy: started through the REST API, then running
 * {@code import time; time.sleep(S)} sent over its WebSocket as a notebook tab does. Closing deletes the kernel.
 */
public final class BusyKernel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;
    private final String id;
    private final WebSocket socket;

    private BusyKernel(String base, String token, String id, WebSocket socket) {
        this.base = base;
        this.token = token;
        this.id = id;
        this.socket = socket;
    }

    /** Starts a kernel on the server at {@code base} ({@code http://127.0.0.1:PORT/}) and makes it sleep. */
    public static BusyKernel start(String base, String token, int sleepSeconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + "api/kernels"))
                .header("Authorization", "token " + token).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"python3\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("kernel not created: " + created.statusCode() + " " + created.body());
        }
        String id = JSON.readTree(created.body()).get("id").asText();
        URI ws = URI.create(base.replace("http://", "ws://") + "api/kernels/" + id + "/channels?token=" + token);
        WebSocket socket = client.newWebSocketBuilder().header("Origin", base.substring(0, base.length() - 1))
                .buildAsync(ws, new WebSocket.Listener() {
                }).get(30, TimeUnit.SECONDS);
        ObjectNode request = JSON.createObjectNode();
        request.putObject("header").put("msg_id", UUID.randomUUID().toString()).put("username", "test")
                .put("session", UUID.randomUUID().toString()).put("msg_type", "execute_request").put("version", "5.3");
        request.putObject("parent_header");
        request.putObject("metadata");
        request.putObject("content").put("code", "import time; time.sleep(" + sleepSeconds + ")").put("silent", false)
                .put("store_history", false).put("allow_stdin", false).put("stop_on_error", true)
                .putObject("user_expressions");
        request.put("channel", "shell");
        request.putArray("buffers");
        socket.sendText(request.toString(), true).get(10, TimeUnit.SECONDS);
        BusyKernel kernel = new BusyKernel(base, token, id, socket);
        kernel.awaitState("busy");
        return kernel;
    }

    /** Waits (60 s at most) until the server reports this kernel's {@code execution_state} as {@code state}. */
    public void awaitState(String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String seen = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> kernel = client.send(HttpRequest.newBuilder(URI.create(base + "api/kernels/" + id))
                    .header("Authorization", "token " + token).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode node = JSON.readTree(kernel.body());
            seen = node.path("execution_state").asText();
            if (state.equals(seen)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("kernel " + id + " did not become " + state + " (last: " + seen + ")");
    }

    /** Interrupts the running cell, as the notebook's stop button does. */
    public void interrupt() throws Exception {
        client.send(HttpRequest.newBuilder(URI.create(base + "api/kernels/" + id + "/interrupt"))
                .header("Authorization", "token " + token).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        client.send(HttpRequest.newBuilder(URI.create(base + "api/kernels/" + id))
                .header("Authorization", "token " + token).DELETE().timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
