package app.tether.providers.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.cli.Cli;
import app.tether.cli.CliContext;
import app.tether.core.Environment;
import app.tether.inventory.HfSpace;
import app.tether.inventory.InventoryStore;
import app.tether.testing.EnglishMessages;
import app.tether.testing.HfStandIn;
import app.tether.testing.Interop;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tether open} on Spaces served by the stand-in Hub whose app is Debian's real jupyter-server: through
 * Tether's local forwarder /api/status answers 200 and a kernel runs {@code 1+1} over its WebSocket, for a
 * private Space (the forwarder adds the HF Bearer; the browser never sees it) and a public one; a paused paid
 * Space is started only with --yes.
 */
@ExtendWith(EnglishMessages.class)
@Tag("interop")
class HfOpenInteropTest {
    private static final String JUPYTER_TOKEN = "jt-" + UUID.randomUUID();
    private static final String HF_TOKEN = "hf_alice_secret_token";
    /** Debian ships jupyter-server without JupyterLab, so the UI path is empty here ("/lab" where Lab answers). */
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/(?:lab|tree)?\\?token=(\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Process jupyter;
    static HfStandIn hub;
    static Environment environment;

    @BeforeAll
    static void start() throws Exception {
        Interop.requireProgram("/usr/bin/jupyter-server");
        int port = HfStandIn.freePort();
        jupyter = HfStandIn.startJupyter(dir, port, JUPYTER_TOKEN);
        hub = HfStandIn.start();
        hub.setTimings(300, 300);
        hub.addUser("alice", HF_TOKEN, "write");
        URI app = URI.create("http://127.0.0.1:" + port);
        hub.addSpace("alice/private-lab", true, "t4-small", app);
        hub.addSpace("alice/public-lab", false, "cpu-basic", app);
        environment = new Environment(dir.resolve("tether"), dir.resolve("home"))
                .withVariable("HF_ENDPOINT", hub.endpoint().toString()).withVariable("HF_TOKEN", HF_TOKEN);
        InventoryStore store = new InventoryStore(environment.inventoryFile());
        store.update(inv -> inv.add(new HfSpace("private", "alice/private-lab", null, null, null, null))
                .add(new HfSpace("public", "alice/public-lab", null, null, null, null)));
        new app.tether.jupyter.JupyterSecrets(environment).saveToken("private", JUPYTER_TOKEN);
        new app.tether.jupyter.JupyterSecrets(environment).saveToken("public", JUPYTER_TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (jupyter != null) {
            jupyter.destroy();
            jupyter.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code tether open ...} on a thread until it prints the URL; returns it and the running command. */
    private static final class Opened implements AutoCloseable {
        final Thread thread;
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        volatile int code = -1;

        Opened(String... args) {
            CliContext context = new CliContext(environment, new PrintWriter(out, true), new PrintWriter(err, true));
            thread = new Thread(() -> code = Cli.run(args, context));
            thread.start();
        }

        Matcher awaitUrl() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && thread.isAlive()) {
                Matcher matcher = URL.matcher(out.toString());
                if (matcher.find()) {
                    return matcher;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no URL; exit " + code + "; out: " + out + "; err: " + err);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    @Test
    void aPrivateSpaceOpensThroughTheForwarderAndRunsAKernel() throws Exception {
        try (Opened open = new Opened("open", "private", "--no-browser", "--yes")) {
            Matcher url = open.awaitUrl();
            int port = Integer.parseInt(url.group(1));
            assertEquals(JUPYTER_TOKEN, url.group(2));
            assertFalse(open.out.toString().contains(HF_TOKEN) || open.err.toString().contains(HF_TOKEN));
            assertEquals(200, get(port, "/api/status?token=" + JUPYTER_TOKEN, null));
            assertEquals(200, get(port, "/api/status", "token " + JUPYTER_TOKEN), "a Jupyter client's own header");
            assertEquals(403, get(port, "/api/status?token=wrong", null));
            assertEquals("2", runOnePlusOne(port));
        }
        // Without Tether's forwarder the private Space's address refuses a request with no HF token.
        int direct = hub.space("alice/private-lab").host().getPort();
        assertEquals(404, get(direct, "/api/status?token=" + JUPYTER_TOKEN, null));
        assertFalse(Files.readString(dir.resolve("jupyter.log")).contains(HF_TOKEN), "the HF token never reaches Jupyter");
    }

    @Test
    void aPublicSpaceOpensWithoutAnHfHeaderAndTheLocalPortIsStable() throws Exception {
        int first;
        try (Opened open = new Opened("open", "public", "--no-browser")) {
            first = Integer.parseInt(open.awaitUrl().group(1));
            assertEquals("2", runOnePlusOne(first));
        }
        try (Opened again = new Opened("open", "public", "--no-browser")) {
            assertEquals(first, Integer.parseInt(again.awaitUrl().group(1)), "same port as last time");
        }
    }

    @Test
    void aPausedPaidSpaceIsStartedOnlyWhenAgreed() throws Exception {
        hub.setStage("alice/private-lab", "PAUSED", null);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"open", "private", "--no-browser"},
                new CliContext(environment, new PrintWriter(out, true), new PrintWriter(err, true)));
        assertEquals(2, code);
        assertEquals("tether: \"private\" costs USD 0.40/h while it runs; there is no terminal to ask, so pass"
                + " --yes to start it.", err.toString().strip());
        assertEquals("PAUSED", hub.stage("alice/private-lab"));
        try (Opened open = new Opened("open", "private", "--no-browser", "--yes")) {
            open.awaitUrl();
            assertTrue(open.err.toString().contains("private: starting (BUILDING)"), open.err.toString());
        }
        assertEquals("RUNNING", hub.stage("alice/private-lab"));
    }

    @Test
    void directPrintsTheSpacesOwnAddress() {
        StringWriter out = new StringWriter();
        int code = Cli.run(new String[] {"open", "public", "--direct"},
                new CliContext(environment, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        assertEquals(0, code);
        assertEquals(hub.space("alice/public-lab").host() + "/lab?token=" + JUPYTER_TOKEN, out.toString().strip());
    }

    private static int get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Starts a kernel through the forwarder and runs 1+1 over its WebSocket, as a browser tab does. */
    private static String runOnePlusOne(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/kernels"))
                .header("Authorization", "token " + JUPYTER_TOKEN).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"python3\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String kernel = JSON.readTree(created.body()).get("id").asText();
        CompletableFuture<String> result = new CompletableFuture<>();
        String msgId = UUID.randomUUID().toString();
        WebSocket socket = client.newWebSocketBuilder()
                .header("Origin", "http://127.0.0.1:" + port) // what a browser sends; Jupyter checks it
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/kernels/" + kernel + "/channels?token="
                        + JUPYTER_TOKEN), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                JsonNode message = JSON.readTree(text.toString());
                                if (message.path("msg_type").asText().equals("execute_result")
                                        && message.path("parent_header").path("msg_id").asText().equals(msgId)) {
                                    result.complete(message.path("content").path("data").path("text/plain").asText());
                                }
                            } catch (Exception e) {
                                result.completeExceptionally(e);
                            }
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        ObjectNode request = JSON.createObjectNode();
        ObjectNode header = request.putObject("header");
        header.put("msg_id", msgId).put("username", "test").put("session", UUID.randomUUID().toString())
                .put("msg_type", "execute_request").put("version", "5.3");
        request.putObject("parent_header");
        request.putObject("metadata");
        ObjectNode content = request.putObject("content");
        content.put("code", "1+1").put("silent", false).put("store_history", false).put("allow_stdin", false)
                .put("stop_on_error", true).putObject("user_expressions");
        request.put("channel", "shell");
        request.putArray("buffers");
        socket.sendText(request.toString(), true).get(10, TimeUnit.SECONDS);
        try {
            return result.get(60, TimeUnit.SECONDS);
        } finally {
            socket.abort();
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/kernels/" + kernel))
                    .header("Authorization", "token " + JUPYTER_TOKEN).DELETE().timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
