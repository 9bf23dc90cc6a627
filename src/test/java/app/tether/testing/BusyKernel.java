package app.tether.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * Starts a kernel on the server at {@code base} ({@code http://127.0.0.1:PORT/}) and makes it sleep. A loaded
     * machine can be slow to start the kernel process, and a request sent before the server heard from the kernel
     * may be lost, so it waits until the server reports the kernel idle first and sends the cell again (at most
     * twice) when the kernel never said it started it.
     */
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
        Replies replies = new Replies();
        WebSocket socket = null;
        BusyKernel kernel = null;
        try {
            for (int connect = 0; connect < 3 && kernel == null; connect++) {
                if (socket != null) {
                    socket.abort();
                }
                socket = connect(client, base, token, id, replies);
                BusyKernel candidate = new BusyKernel(base, token, id, socket);
                // Opening the channels makes the server ask the kernel for its info; its reply turns "starting" idle.
                if (candidate.reaches("idle", 40)) {
                    kernel = candidate;
                }
            }
            if (kernel == null) {
                throw new IOException("kernel " + id + " never became idle after three connections");
            }
            for (int attempt = 0; attempt < 3; attempt++) {
                String msgId = UUID.randomUUID().toString();
                socket.sendText(executeRequest(msgId, sleepSeconds), true).get(10, TimeUnit.SECONDS);
                if (kernel.reaches("busy", 30)) {
                    return kernel;
                }
                if (replies.heardAbout(msgId)) {
                    kernel.awaitState("busy");
                    return kernel;
                }
            }
            throw new IOException("kernel " + id + " never started the cell (three tries)");
        } catch (Exception e) {
            if (socket != null) {
                socket.abort();
            }
            deleteQuietly(client, base, token, id);
            throw e;
        }
    }

    private static WebSocket connect(HttpClient client, String base, String token, String id, Replies replies)
            throws Exception {
        URI ws = URI.create(base.replace("http://", "ws://") + "api/kernels/" + id + "/channels?token=" + token);
        return client.newWebSocketBuilder().header("Origin", base.substring(0, base.length() - 1))
                .buildAsync(ws, replies).get(30, TimeUnit.SECONDS);
    }

    private static String executeRequest(String msgId, int sleepSeconds) {
        ObjectNode request = JSON.createObjectNode();
        request.putObject("header").put("msg_id", msgId).put("username", "test")
                .put("session", UUID.randomUUID().toString()).put("msg_type", "execute_request").put("version", "5.3");
        request.putObject("parent_header");
        request.putObject("metadata");
        request.putObject("content").put("code", "import time; time.sleep(" + sleepSeconds + ")").put("silent", false)
                .put("store_history", false).put("allow_stdin", false).put("stop_on_error", true)
                .putObject("user_expressions");
        request.put("channel", "shell");
        request.putArray("buffers");
        return request.toString();
    }

    private static void deleteQuietly(HttpClient client, String base, String token, String id) {
        try {
            client.send(HttpRequest.newBuilder(URI.create(base + "api/kernels/" + id))
                    .header("Authorization", "token " + token).DELETE().timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            // the server goes away with the test anyway
        }
    }

    /** The ids of the requests the kernel answered anything to (status, execute_input, reply), as the tab sees. */
    private static final class Replies implements WebSocket.Listener {
        private final Set<String> parents = ConcurrentHashMap.newKeySet();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    String parent = JSON.readTree(partial.toString()).path("parent_header").path("msg_id").asText("");
                    if (!parent.isEmpty()) {
                        parents.add(parent);
                    }
                } catch (IOException e) {
                    // a frame that is not JSON tells nothing about our request
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        boolean heardAbout(String msgId) {
            return parents.contains(msgId);
        }
    }

    private boolean reaches(String state, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (state.equals(state())) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private String state() throws Exception {
        HttpResponse<String> kernel = client.send(HttpRequest.newBuilder(URI.create(base + "api/kernels/" + id))
                .header("Authorization", "token " + token).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(kernel.body()).path("execution_state").asText();
    }

    /** Waits (60 s at most) until the server reports this kernel's {@code execution_state} as {@code state}. */
    public void awaitState(String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = state();
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
