package app.tether.testing;

import app.tether.core.BackgroundExecutors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Hugging Face Hub's Space API, written from hf-spaces-api.md (not from Tether's client):
 * Bearer auth (401 {@code Invalid username or password.}), 404 with {@code X-Error-Code: RepoNotFound}, 403 with
 * {@code X-Error-Message} for non-owners and read tokens, 400 for static Spaces and a sleep time on cpu-basic,
 * {@code X-Request-Id} on every answer, the §7 state machine (restart → BUILDING → APP_STARTING → RUNNING, pause →
 * PAUSED until a restart, hardware sets {@code requested} at once and {@code current} after the rebuild), the
 * hardware list, secrets, create/duplicate (409 when the Space exists), SSE build logs and 429 with Retry-After.
 *
 * <p>Each Space's app is served on its own loopback port (its {@code host}), fronting a real server (Debian's
 * jupyter-server in the tests): a private Space needs {@code Authorization: Bearer <token of someone who may read
 * it>}, and a Space that is not RUNNING answers 503. Knobs: {@link #setStage}, {@link #failNext}, {@link #rateLimitNext},
 * {@link #hang}, {@link #setTimings}. {@link #main} starts one by hand (see the README).
 */
public final class HfStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String TEMPLATE = "SpacesExamples/jupyterlab";

    /** A token holder: a user with organisations, and what the token may do. */
    public record User(String name, String token, String role, String authType, List<String> orgs) {
    }

    /** One Space: its settings and the stage timeline. Guarded by the stand-in's lock. */
    public final class Space {
        final String id;
        boolean isPrivate;
        String sdk = "docker";
        String requested;
        String current;
        Integer gcTimeout = 172_800;
        boolean devMode;
        String errorMessage;
        final Map<String, String> secrets = new LinkedHashMap<>();
        final List<String> buildLog = new ArrayList<>();
        URI app;
        final AppFront front;
        /** The stage now and, while a restart is under way, the ones that follow and when. */
        final List<Object[]> timeline = new ArrayList<>();

        Space(String id, boolean isPrivate, String hardware, URI app) throws IOException {
            this.id = id;
            this.isPrivate = isPrivate;
            this.requested = hardware;
            this.current = hardware;
            this.app = app;
            this.front = new AppFront(this);
            timeline.add(new Object[] {Instant.MIN, "RUNNING"});
        }

        public String id() {
            return id;
        }

        /** The app's own address (what the Hub calls {@code host}). */
        public URI host() {
            return URI.create("http://127.0.0.1:" + front.port());
        }

        public String subdomain() {
            return id.toLowerCase(Locale.ROOT).replace('/', '-').replace('_', '-').replace('.', '-');
        }

        synchronized String stage() {
            Instant now = Instant.now();
            String stage = (String) timeline.get(0)[1];
            while (timeline.size() > 1 && !now.isBefore((Instant) timeline.get(1)[0])) {
                timeline.remove(0);
                stage = (String) timeline.get(0)[1];
                if (stage.equals("RUNNING")) {
                    current = requested;
                    buildLog.add("===== Application Startup at " + Instant.now() + " =====");
                }
            }
            return stage;
        }

        synchronized void schedule(String... stages) {
            timeline.clear();
            Instant at = Instant.now();
            for (int i = 0; i < stages.length; i++) {
                timeline.add(new Object[] {at, stages[i]});
                at = at.plusMillis(i == 0 ? buildMillis : startMillis);
            }
        }

        public synchronized ObjectNode runtime() {
            ObjectNode runtime = JSON.createObjectNode();
            runtime.put("stage", stage());
            ObjectNode hw = runtime.putObject("hardware");
            hw.put("current", "BUILDING".equals(stage()) && current == null ? null : current);
            hw.put("requested", requested);
            runtime.putNull("storage");
            if (gcTimeout == null) {
                runtime.putNull("gcTimeout");
            } else {
                runtime.put("gcTimeout", gcTimeout);
            }
            runtime.putObject("replicas").put("requested", 1);
            runtime.put("devMode", devMode);
            runtime.putArray("domains").addObject().put("domain", subdomain() + ".hf.space").put("stage", "READY");
            if (stage().endsWith("_ERROR") && errorMessage != null) {
                runtime.put("errorMessage", errorMessage);
            }
            return runtime;
        }

        public ObjectNode info() {
            ObjectNode info = JSON.createObjectNode();
            info.put("id", id);
            info.put("author", id.substring(0, id.indexOf('/')));
            info.put("private", isPrivate);
            info.put("sdk", sdk);
            info.put("subdomain", subdomain());
            info.put("host", host().toString());
            info.set("runtime", runtime());
            return info;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = BackgroundExecutors.pool("hf-standin");
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Space> spaces = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile long buildMillis = 600;
    private volatile long startMillis = 600;
    private volatile Object[] failNext;
    private volatile int rateLimitSeconds = -1;
    private volatile CountDownLatch hang;
    private volatile URI templateApp;
    private int pageSize = 100;

    private HfStandIn(HttpServer server) {
        this.server = server;
    }

    public static HfStandIn start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        HfStandIn standIn = new HfStandIn(http);
        http.setExecutor(standIn.threads);
        http.createContext("/", standIn::handle);
        http.start();
        return standIn;
    }

    /** What to give HF_ENDPOINT. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public User addUser(String name, String token, String role, String... orgs) {
        User user = new User(name, token, role, "access_token", List.of(orgs));
        users.put(token, user);
        return user;
    }

    /** A user whose token came from the OAuth device flow (refused on restart, hardware and sleep time). */
    public User addOAuthUser(String name, String token) {
        User user = new User(name, token, "write", "oauth", List.of());
        users.put(token, user);
        return user;
    }

    /** A running Space on {@code hardware} whose app is the server at {@code app}. */
    public Space addSpace(String id, boolean isPrivate, String hardware, URI app) throws IOException {
        Space space = new Space(id, isPrivate, hardware, app);
        spaces.put(id, space);
        return space;
    }

    public Space space(String id) {
        return spaces.get(id);
    }

    /** Puts the Space in {@code stage} now (e.g. SLEEPING after its idle time, RUNTIME_ERROR with a message). */
    public void setStage(String id, String stage, String errorMessage) {
        Space space = spaces.get(id);
        synchronized (space) {
            space.errorMessage = errorMessage;
            space.timeline.clear();
            space.timeline.add(new Object[] {Instant.MIN, stage});
        }
    }

    public String stage(String id) {
        return spaces.get(id).stage();
    }

    /** How long BUILDING and APP_STARTING last after a restart. */
    public void setTimings(long buildMs, long startMs) {
        this.buildMillis = buildMs;
        this.startMillis = startMs;
    }

    /** The app new Spaces made from the JupyterLab template serve. */
    public void setTemplateApp(URI app) {
        this.templateApp = app;
    }

    /** Spaces per page of the list (to test Link pagination). */
    public void setPageSize(int size) {
        this.pageSize = size;
    }

    /** The next request answers {@code status} with this JSON body and X-Error-Message. */
    public void failNext(int status, String body, String errorMessage) {
        failNext = new Object[] {status, body, errorMessage};
    }

    /** The next request answers 429 with {@code Retry-After: seconds}. */
    public void rateLimitNext(int seconds) {
        rateLimitSeconds = seconds;
    }

    /** From now on requests are never answered (until {@link #close} or {@code hang(false)}). */
    public void hang(boolean on) {
        if (on) {
            hang = new CountDownLatch(1);
        } else if (hang != null) {
            hang.countDown();
            hang = null;
        }
    }

    /** "METHOD /path" of every API request so far, in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        hang(false);
        spaces.values().forEach(s -> s.front.close());
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- the API ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            requests.add(method + " " + path);
            exchange.getResponseHeaders().add("X-Request-Id", "Root=1-" + UUID.randomUUID());
            CountDownLatch hanging = hang;
            if (hanging != null) {
                hanging.await(10, TimeUnit.MINUTES);
                return;
            }
            Object[] failure = failNext;
            if (failure != null) {
                failNext = null;
                if (failure[2] != null) {
                    exchange.getResponseHeaders().add("X-Error-Message", (String) failure[2]);
                }
                send(exchange, (int) failure[0], (String) failure[1]);
                return;
            }
            if (rateLimitSeconds >= 0) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(rateLimitSeconds));
                exchange.getResponseHeaders().add("ratelimit", "\"api\";r=0;t=" + rateLimitSeconds);
                rateLimitSeconds = -1;
                send(exchange, 429, "{\"error\":\"You have exceeded our hourly quotas for action: api.\"}");
                return;
            }
            route(exchange, method, path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":\"" + e + "\"}");
        }
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException, InterruptedException {
        User user = user(exchange);
        if (path.equals("/api/whoami-v2")) {
            if (user == null) {
                unauthorized(exchange);
                return;
            }
            ObjectNode who = JSON.createObjectNode().put("type", "user").put("name", user.name()).put("id", "u-" + user.name());
            ArrayNode orgs = who.putArray("orgs");
            user.orgs().forEach(org -> orgs.addObject().put("type", "org").put("name", org));
            ObjectNode auth = who.putObject("auth");
            auth.put("type", user.authType());
            if (user.authType().equals("access_token")) {
                auth.putObject("accessToken").put("displayName", "tether-test").put("role", user.role());
            }
            send(exchange, 200, who.toString());
            return;
        }
        if (path.equals("/api/spaces/hardware")) {
            send(exchange, 200, hardwareList().toString());
            return;
        }
        if (exchange.getRequestHeaders().containsKey("Authorization") && user == null) {
            unauthorized(exchange); // a bad token is refused everywhere
            return;
        }
        if (path.equals("/api/spaces") && method.equals("GET")) {
            listSpaces(exchange, user);
            return;
        }
        if (path.equals("/api/repos/create") && method.equals("POST")) {
            create(exchange, user, body(exchange), null);
            return;
        }
        if (path.startsWith("/api/spaces/")) {
            String[] parts = path.substring("/api/spaces/".length()).split("/");
            if (parts.length < 2) {
                notFound(exchange);
                return;
            }
            String id = parts[0] + "/" + parts[1];
            String action = parts.length > 2 ? String.join("/", List.of(parts).subList(2, parts.length)) : "";
            spaceCall(exchange, user, method, id, action);
            return;
        }
        notFound(exchange);
    }

    private void spaceCall(HttpExchange exchange, User user, String method, String id, String action)
            throws IOException, InterruptedException {
        Space space = spaces.get(id);
        if (action.equals("duplicate") && method.equals("POST")) {
            if (space == null || space.isPrivate && !mayRead(user, space)) {
                notFound(exchange);
                return;
            }
            JsonNode body = body(exchange);
            String to = body.path("repository").asText();
            ObjectNode create = JSON.createObjectNode();
            create.put("name", to.substring(to.indexOf('/') + 1)).put("organization", to.substring(0, to.indexOf('/')));
            create.put("private", body.path("private").asBoolean("private".equals(body.path("visibility").asText())));
            create.set("hardware", body.get("hardware"));
            create.set("secrets", body.get("secrets"));
            create.set("sleepTimeSeconds", body.get("sleepTimeSeconds"));
            create(exchange, user, create, space.app);
            return;
        }
        if (space == null || space.isPrivate && !mayRead(user, space)) {
            if (user == null) {
                exchange.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
                send(exchange, 401, "{\"error\":\"Invalid username or password.\"}");
                return;
            }
            notFound(exchange);
            return;
        }
        switch (method + " " + action) {
            case "GET " -> send(exchange, 200, space.info().toString());
            case "GET runtime" -> send(exchange, 200, space.runtime().toString());
            case "GET secrets" -> {
                if (!mayWrite(exchange, user, space, false)) {
                    return;
                }
                ObjectNode secrets = JSON.createObjectNode();
                synchronized (space) {
                    space.secrets.keySet().forEach(k -> secrets.putObject(k).put("updatedAt", Instant.now().toString()));
                }
                send(exchange, 200, secrets.toString());
            }
            case "POST secrets" -> {
                JsonNode body = body(exchange);
                if (!mayWrite(exchange, user, space, false)) {
                    return;
                }
                synchronized (space) {
                    space.secrets.put(body.path("key").asText(), body.path("value").asText());
                }
                send(exchange, 200, "{}");
            }
            case "DELETE secrets" -> {
                JsonNode body = body(exchange);
                if (!mayWrite(exchange, user, space, false)) {
                    return;
                }
                synchronized (space) {
                    space.secrets.remove(body.path("key").asText());
                }
                send(exchange, 200, "{}");
            }
            case "POST pause" -> {
                if (!mayWrite(exchange, user, space, false) || !notStatic(exchange, space)) {
                    return;
                }
                space.schedule("PAUSED");
                send(exchange, 200, space.runtime().toString());
            }
            case "POST restart" -> {
                if (!mayWrite(exchange, user, space, true) || !notStatic(exchange, space)) {
                    return;
                }
                boolean factory = "factory=true".equals(exchange.getRequestURI().getRawQuery());
                synchronized (space) {
                    space.buildLog.add("===== Build Queued at " + Instant.now() + " / Commit SHA: 0f1e2d3 =====");
                    space.buildLog.add(factory ? "--> FROM docker.io/library/python:3.10 (no cache)" : "--> CACHED");
                    space.buildLog.add("--> Pushing image");
                }
                space.schedule("BUILDING", "APP_STARTING", "RUNNING");
                send(exchange, 200, space.runtime().toString());
            }
            case "POST hardware" -> {
                JsonNode body = body(exchange);
                if (!mayWrite(exchange, user, space, true) || !notStatic(exchange, space)) {
                    return;
                }
                String flavor = body.path("flavor").asText("");
                if (!hardwareNames().contains(flavor)) {
                    exchange.getResponseHeaders().add("X-Error-Message", "Invalid hardware flavor");
                    send(exchange, 400, "{\"error\":\"Invalid hardware: " + flavor + "\"}");
                    return;
                }
                synchronized (space) {
                    space.requested = flavor;
                    if (body.has("sleepTimeSeconds")) {
                        int seconds = body.get("sleepTimeSeconds").asInt();
                        space.gcTimeout = seconds < 0 ? null : seconds;
                    }
                }
                space.schedule("BUILDING", "APP_STARTING", "RUNNING");
                send(exchange, 200, space.runtime().toString());
            }
            case "POST sleeptime" -> {
                JsonNode body = body(exchange);
                if (!mayWrite(exchange, user, space, true)) {
                    return;
                }
                if ("cpu-basic".equals(space.requested)) {
                    send(exchange, 400, "{\"error\":\"Cannot change the sleep time for cpu-basic Spaces\"}");
                    return;
                }
                int seconds = body.path("seconds").asInt();
                synchronized (space) {
                    space.gcTimeout = seconds < 0 ? null : seconds;
                }
                send(exchange, 200, space.runtime().toString());
            }
            case "POST dev-mode" -> {
                JsonNode body = body(exchange);
                if (!mayWrite(exchange, user, space, false) || !notStatic(exchange, space)) {
                    return;
                }
                synchronized (space) {
                    space.devMode = body.path("enabled").asBoolean();
                }
                send(exchange, 200, space.runtime().toString());
            }
            case "GET logs/build", "GET logs/run" -> logs(exchange, space);
            default -> notFound(exchange);
        }
    }

    private void listSpaces(HttpExchange exchange, User user) throws IOException {
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        String author = query.getOrDefault("author", List.of("")).get(0);
        List<String> expand = query.getOrDefault("expand", List.of());
        int skip = Integer.parseInt(query.getOrDefault("skip", List.of("0")).get(0));
        List<Space> visible = spaces.values().stream()
                .filter(s -> author.isEmpty() || s.id.startsWith(author + "/"))
                .filter(s -> !s.isPrivate || mayRead(user, s))
                .sorted((a, b) -> a.id.compareTo(b.id)).toList();
        ArrayNode array = JSON.createArrayNode();
        for (Space space : visible.subList(Math.min(skip, visible.size()), Math.min(skip + pageSize, visible.size()))) {
            ObjectNode item = array.addObject();
            item.put("id", space.id).put("author", space.id.substring(0, space.id.indexOf('/')));
            ObjectNode info = space.info();
            for (String field : expand) {
                if (info.has(field)) {
                    item.set(field, info.get(field));
                }
            }
        }
        if (skip + pageSize < visible.size()) {
            String raw = exchange.getRequestURI().getRawQuery().replaceAll("&?skip=\\d+", "");
            exchange.getResponseHeaders().add("Link", "<" + endpoint() + "/api/spaces?" + raw + "&skip="
                    + (skip + pageSize) + ">; rel=\"next\"");
        }
        send(exchange, 200, array.toString());
    }

    private void create(HttpExchange exchange, User user, JsonNode body, URI app) throws IOException {
        if (user == null) {
            unauthorized(exchange);
            return;
        }
        if (!user.role().equals("write") && !user.role().equals("admin")) {
            exchange.getResponseHeaders().add("X-Error-Message", "You don't have the rights to create a repo with this token");
            send(exchange, 403, "{\"error\":\"Forbidden: the token is read-only\"}");
            return;
        }
        String namespace = body.hasNonNull("organization") ? body.get("organization").asText() : user.name();
        String id = namespace + "/" + body.path("name").asText();
        if (!namespace.equals(user.name()) && !user.orgs().contains(namespace)) {
            exchange.getResponseHeaders().add("X-Error-Message", "You don't have the rights to create in " + namespace);
            send(exchange, 403, "{\"error\":\"Forbidden\"}");
            return;
        }
        if (spaces.containsKey(id)) {
            send(exchange, 409, "{\"error\":\"You already created this space repo\",\"url\":\"" + endpoint() + "/spaces/" + id + "\"}");
            return;
        }
        String hardware = body.hasNonNull("hardware") ? body.get("hardware").asText() : "cpu-basic";
        boolean isPrivate = body.path("private").asBoolean("private".equals(body.path("visibility").asText()));
        URI serving = app != null ? app : TEMPLATE.equals(body.path("template").asText()) ? templateApp : null;
        Space space = addSpace(id, isPrivate, hardware, serving);
        synchronized (space) {
            space.current = null;
            space.sdk = body.path("sdk").asText("docker");
            for (JsonNode secret : body.path("secrets")) {
                space.secrets.put(secret.path("key").asText(), secret.path("value").asText());
            }
            if (body.hasNonNull("sleepTimeSeconds")) {
                int seconds = body.get("sleepTimeSeconds").asInt();
                space.gcTimeout = seconds < 0 ? null : seconds;
            }
            space.buildLog.add("===== Build Queued at " + Instant.now() + " / Commit SHA: 1a2b3c4 =====");
            space.buildLog.add("--> FROM docker.io/nvidia/cuda:12.5.1-cudnn-devel-ubuntu22.04");
            space.buildLog.add("--> RUN pip install jupyterlab");
            space.buildLog.add("--> Pushing image");
        }
        space.schedule("BUILDING", "APP_STARTING", "RUNNING");
        send(exchange, 200, JSON.createObjectNode().put("url", endpoint() + "/spaces/" + id).put("name", id)
                .put("id", "r-" + UUID.randomUUID()).toString());
    }

    /** SSE: the build log so far, then new lines until the Space runs (or fails), with keep-alives. */
    private void logs(HttpExchange exchange, Space space) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int sent = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            String stage = space.stage();
            List<String> lines;
            synchronized (space) {
                lines = List.copyOf(space.buildLog);
            }
            for (; sent < lines.size(); sent++) {
                ObjectNode event = JSON.createObjectNode().put("data", lines.get(sent) + "\n")
                        .put("timestamp", Instant.now().toString());
                out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write("data: \n\n".getBytes(StandardCharsets.UTF_8)); // keep-alive
            out.flush();
            if (stage.equals("RUNNING") || stage.endsWith("_ERROR") || stage.equals("PAUSED")) {
                break;
            }
            Thread.sleep(100);
        }
        out.close();
    }

    private boolean mayRead(User user, Space space) {
        return user != null && (space.id.startsWith(user.name() + "/")
                || user.orgs().stream().anyMatch(o -> space.id.startsWith(o + "/")));
    }

    /** Owner with a write token; OAuth tokens are refused where huggingface_hub#4972 says they are. */
    private boolean mayWrite(HttpExchange exchange, User user, Space space, boolean oauthRefused) throws IOException {
        if (user == null) {
            unauthorized(exchange);
            return false;
        }
        if (oauthRefused && user.authType().equals("oauth")) {
            send(exchange, 401, "{\"error\":\"Invalid username or password.\"}");
            return false;
        }
        if (!mayRead(user, space)) {
            exchange.getResponseHeaders().add("X-Error-Message", "You don't have the rights to manage this Space");
            send(exchange, 403, "{\"error\":\"Forbidden\"}");
            return false;
        }
        if (user.role().equals("read")) {
            exchange.getResponseHeaders().add("X-Error-Message",
                    "This action requires a token with write access; this one is read-only");
            send(exchange, 403, "{\"error\":\"Forbidden\"}");
            return false;
        }
        return true;
    }

    private boolean notStatic(HttpExchange exchange, Space space) throws IOException {
        if ("static".equals(space.sdk)) {
            send(exchange, 400, "{\"error\":\"Static Spaces cannot be paused, restarted or upgraded\"}");
            return false;
        }
        return true;
    }

    private User user(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return users.get(header.substring(7).strip());
    }

    private static void unauthorized(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("X-Error-Message", "Invalid credentials in Authorization header");
        send(exchange, 401, "{\"error\":\"Invalid username or password.\"}");
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
        exchange.getResponseHeaders().add("X-Error-Message", "Repository not found");
        send(exchange, 404, "{\"error\":\"Repository not found\"}");
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static List<String> hardwareNames() {
        List<String> names = new ArrayList<>();
        hardwareList().forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    /** The hardware list in the Hub's shape (cost per minute), priced as the reference table says. */
    static ArrayNode hardwareList() {
        ArrayNode list = JSON.createArrayNode();
        Object[][] rows = {
            {"cpu-basic", "CPU basic", "2 vCPU", "16 GB", null, 0, 0.0},
            {"cpu-upgrade", "CPU upgrade", "8 vCPU", "32 GB", null, 0, 0.03},
            {"t4-small", "Nvidia T4 - small", "4 vCPU", "15 GB", "T4", 1, 0.40},
            {"t4-medium", "Nvidia T4 - medium", "8 vCPU", "30 GB", "T4", 1, 0.60},
            {"l4x1", "1x Nvidia L4", "8 vCPU", "30 GB", "L4", 1, 0.80},
            {"a10g-small", "Nvidia A10G - small", "4 vCPU", "15 GB", "A10G", 1, 1.00},
            {"a10g-large", "Nvidia A10G - large", "12 vCPU", "46 GB", "A10G", 1, 1.50},
            {"a100-large", "Nvidia A100 - large", "12 vCPU", "142 GB", "A100", 1, 2.50},
        };
        for (Object[] row : rows) {
            ObjectNode item = list.addObject();
            item.put("name", (String) row[0]).put("prettyName", (String) row[1]).put("cpu", (String) row[2])
                    .put("ram", (String) row[3]);
            if (row[4] != null) {
                item.putObject("accelerator").put("type", "gpu").put("model", (String) row[4])
                        .put("quantity", (int) row[5]).put("manufacturer", "Nvidia");
            }
            long micro = Math.round((double) row[6] / 60 * 1_000_000);
            item.put("unitCostMicroUSD", micro).put("unitCostUSD", micro / 1_000_000.0).put("unitLabel", "minute");
        }
        return list;
    }

    /** A Space's public address: Bearer check for private Spaces, 503 unless RUNNING, then relayed to its app. */
    final class AppFront {
        private final Space space;
        private final ServerSocket listener;

        AppFront(Space space) throws IOException {
            this.space = space;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            threads.execute(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        void close() {
            try {
                listener.close();
            } catch (IOException ignored) {
                // stopping
            }
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    threads.execute(() -> serve(client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket client) {
            try (client) {
                client.setSoTimeout(60_000);
                InputStream in = client.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.write(b);
                }
                List<String> lines = new ArrayList<>(List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n")));
                String bearer = null;
                boolean upgrade = false;
                List<String> forwarded = new ArrayList<>();
                forwarded.add(lines.get(0));
                for (String line : lines.subList(1, lines.size())) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("authorization: bearer ")) {
                        bearer = line.substring("authorization: bearer ".length()).strip();
                        continue; // the Hub's proxy keeps the HF token to itself
                    }
                    if (lower.startsWith("upgrade:")) {
                        upgrade = true;
                    }
                    if (lower.startsWith("connection:") && !lower.contains("upgrade")) {
                        continue;
                    }
                    forwarded.add(line);
                }
                if (space.isPrivate && (bearer == null || !mayRead(users.get(bearer), space))) {
                    reply(client, 404, "Space not found (private Space: an HF token is required)");
                    return;
                }
                if (!space.stage().equals("RUNNING") || space.app == null) {
                    reply(client, 503, "Space is " + space.stage());
                    return;
                }
                if (!upgrade) {
                    forwarded.add("Connection: close");
                }
                try (Socket app = new Socket()) {
                    app.connect(new InetSocketAddress(space.app.getHost(), space.app.getPort()), 5000);
                    OutputStream toApp = app.getOutputStream();
                    toApp.write((String.join("\r\n", forwarded) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    toApp.flush();
                    client.setSoTimeout(0);
                    CountDownLatch done = new CountDownLatch(1);
                    threads.execute(() -> {
                        try {
                            app.getInputStream().transferTo(client.getOutputStream());
                        } catch (IOException ignored) {
                            // one side closed
                        } finally {
                            done.countDown();
                        }
                    });
                    try {
                        in.transferTo(toApp);
                        app.shutdownOutput();
                    } catch (IOException ignored) {
                        // one side closed
                    }
                    done.await(10, TimeUnit.MINUTES);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        }

        private void reply(Socket client, int status, String text) throws IOException {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            client.getOutputStream().write(("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().write(body);
            client.getOutputStream().flush();
        }
    }

    // ---- a real Jupyter as the Spaces' app ----

    /** Debian's jupyter-server on 127.0.0.1:{@code port} with {@code token} (given by environment, not argv). */
    public static Process startJupyter(Path dir, int port, String token) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("jupyter-home"));
        Path root = Files.createDirectories(dir.resolve("notebooks"));
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/jupyter-server", "--ServerApp.ip=127.0.0.1",
                "--ServerApp.port=" + port, "--ServerApp.port_retries=0", "--ServerApp.open_browser=False",
                "--ServerApp.root_dir=" + root, "--allow-root")
                .redirectErrorStream(true).redirectOutput(dir.resolve("jupyter.log").toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("JUPYTER_TOKEN", token);
        builder.environment().put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("jupyter-server exited: " + Files.readString(dir.resolve("jupyter.log")));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IOException("jupyter-server did not listen: " + Files.readString(dir.resolve("jupyter.log")));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts a stand-in by hand: {@code HfStandIn [DIR]} runs jupyter-server (token {@code huggingface}, the
     * template's default) and serves user {@code alice} (token {@code hf_alice_write}, org {@code lab}; a read-only
     * token {@code hf_alice_read}) with Spaces {@code alice/notebook} (private, t4-small), {@code alice/public-lab}
     * (public, cpu-basic) and {@code lab/shared} (paused, a10g-small). Prints HF_ENDPOINT and waits for Ctrl-C.
     */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("hf-standin");
        int port = freePort();
        Process jupyter = startJupyter(dir, port, "huggingface");
        HfStandIn standIn = start();
        URI app = URI.create("http://127.0.0.1:" + port);
        standIn.setTimings(4000, 3000);
        standIn.setTemplateApp(app);
        standIn.addUser("alice", "hf_alice_write", "write", "lab");
        standIn.addUser("alice", "hf_alice_read", "read", "lab");
        standIn.addSpace("alice/notebook", true, "t4-small", app);
        standIn.addSpace("alice/public-lab", false, "cpu-basic", app);
        standIn.addSpace("lab/shared", false, "a10g-small", app);
        standIn.setStage("lab/shared", "PAUSED", null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standIn.close();
            jupyter.destroy();
        }));
        System.out.println("HF_ENDPOINT=" + standIn.endpoint());
        System.out.println("jupyter-server on 127.0.0.1:" + port + " (token huggingface), files in " + dir);
        new CountDownLatch(1).await();
    }
}
