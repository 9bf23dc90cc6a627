package app.tether.providers.cnb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for api.cnb.cool written from the reference (cnb-and-gce-apis.md §1–§2), not from Tether's client:
 * bearer tokens with scopes, {@code GET /user}, the workspace operations (list with paging and filters, start,
 * stop, delete, detail), the group's special amounts, errors 401/403/404/429/500 on demand, a started workspace
 * that appears as running only after a few list calls, and recycling that closes a workspace on its own.
 */
public final class CnbStandIn implements AutoCloseable {
    public static final Set<String> ALL_SCOPES = Set.of("account-profile:r", "account-engage:r", "account-engage:rw",
            "repo-cnb-trigger:rw", "repo-cnb-detail:r", "group-resource:r");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One workspace as CNB keeps it. */
    public static final class Workspace {
        public final String sn;
        public final String pipelineId;
        public final String slug;
        public final String branch;
        public final Instant created;
        public String status;
        public int listsUntilRunning;
        public boolean ssh;
        public int commitCount;
        public int fileCount;
        public int stashCount;
        public String fileList;

        Workspace(String sn, String pipelineId, String slug, String branch, Instant created, String status) {
            this.sn = sn;
            this.pipelineId = pipelineId;
            this.slug = slug;
            this.branch = branch;
            this.created = created;
            this.status = status;
        }
    }

    /** What a request looked like, for tests that check headers and paths. */
    public record Request(String method, String rawPath, String query, String accept, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Set<String>> tokens = new HashMap<>();
    private final Map<String, String> users = new HashMap<>();
    private final Set<String> repos = Collections.synchronizedSet(new java.util.HashSet<>());
    private final List<Workspace> workspaces = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private final AtomicInteger counter = new AtomicInteger(1000);
    private volatile int listsUntilRunning = 2;
    private volatile String sshLogin;
    private volatile boolean sshForNew = true;
    private volatile JsonNode specialAmount;
    private volatile String workspaceFolder = "/workspace";

    private CnbStandIn(HttpServer server) {
        this.server = server;
    }

    public static CnbStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CnbStandIn standIn = new CnbStandIn(server);
        server.createContext("/", standIn::handle);
        server.start();
        return standIn;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public CnbStandIn token(String token, String user, Set<String> scopes) {
        tokens.put(token, scopes);
        users.put(token, user);
        return this;
    }

    public CnbStandIn repo(String slug) {
        repos.add(slug);
        return this;
    }

    /** How many list calls a new workspace stays out of the list before it shows as running. */
    public CnbStandIn listsUntilRunning(int count) {
        listsUntilRunning = count;
        return this;
    }

    /** The {@code ssh} login command the detail of an SSH-capable workspace shows (null: no ssh field). */
    public CnbStandIn sshLogin(String command) {
        sshLogin = command;
        return this;
    }

    /** Whether workspaces started from now on support SSH. */
    public CnbStandIn sshForNew(boolean ssh) {
        sshForNew = ssh;
        return this;
    }

    /** The folder the list reports as each workspace's default path. */
    public CnbStandIn workspaceFolder(String folder) {
        workspaceFolder = folder;
        return this;
    }

    public CnbStandIn specialAmount(String json) throws IOException {
        specialAmount = JSON.readTree(json);
        return this;
    }

    /** The next request whose raw path starts with {@code pathPrefix} answers {@code status}. */
    public synchronized CnbStandIn failNext(String pathPrefix, int status) {
        failures.put(pathPrefix, status);
        return this;
    }

    public Workspace add(String slug, String branch, String status, Instant created) {
        int n = counter.incrementAndGet();
        Workspace workspace = new Workspace("cnb-" + n, "p-" + n, slug, branch, created, status);
        workspace.ssh = sshForNew;
        workspaces.add(workspace);
        return workspace;
    }

    /** CNB recycles a workspace on its own (4 h limit, no heartbeat): closed, with what the backup kept. */
    public void recycle(Workspace workspace, int commits, int files, int stashes, String fileList) {
        workspace.status = "closed";
        workspace.commitCount = commits;
        workspace.fileCount = files;
        workspace.stashCount = stashes;
        workspace.fileList = fileList;
    }

    public List<Workspace> workspaces() {
        return List.copyOf(workspaces);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String rawPath = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(method, rawPath, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Accept"), authorization, body));
            Integer failure = takeFailure(rawPath);
            if (failure != null) {
                if (failure == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "30");
                }
                error(exchange, failure, failure == 429 ? "too many requests" : "internal error");
                return;
            }
            String token = authorization != null && authorization.startsWith("Bearer ")
                    ? authorization.substring(7) : null;
            if (token == null || !tokens.containsKey(token)) {
                error(exchange, 401, "unauthorized");
                return;
            }
            route(exchange, method, rawPath, token, body);
        } catch (RuntimeException e) {
            error(exchange, 500, String.valueOf(e));
        }
    }

    private synchronized Integer takeFailure(String rawPath) {
        for (var it = failures.entrySet().iterator(); it.hasNext();) {
            var entry = it.next();
            if (rawPath.startsWith(entry.getKey())) {
                it.remove();
                return entry.getValue();
            }
        }
        return null;
    }

    private void route(HttpExchange exchange, String method, String rawPath, String token, String body)
            throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (method.equals("GET") && rawPath.equals("/user")) {
            if (scoped(exchange, token, "account-profile:r")) {
                ObjectNode user = JSON.createObjectNode().put("username", users.get(token)).put("nickname", "Nick");
                send(exchange, 200, user);
            }
            return;
        }
        if (method.equals("GET") && rawPath.equals("/workspace/list")) {
            if (scoped(exchange, token, "account-engage:r")) {
                list(exchange, query);
            }
            return;
        }
        if (method.equals("POST") && (rawPath.equals("/workspace/stop") || rawPath.equals("/workspace/delete"))) {
            if (scoped(exchange, token, "account-engage:rw")) {
                stopOrDelete(exchange, rawPath.endsWith("delete"), JSON.readTree(body));
            }
            return;
        }
        int dash = rawPath.indexOf("/-/");
        if (dash > 0) {
            String slug = decodeSlug(rawPath.substring(1, dash));
            String rest = rawPath.substring(dash + 3);
            if (method.equals("POST") && rest.equals("workspace/start")) {
                if (scoped(exchange, token, "repo-cnb-trigger:rw")) {
                    start(exchange, slug, JSON.readTree(body));
                }
                return;
            }
            if (method.equals("GET") && rest.startsWith("workspace/detail/")) {
                if (scoped(exchange, token, "repo-cnb-detail:r")) {
                    detail(exchange, slug, URLDecoder.decode(rest.substring(17), StandardCharsets.UTF_8));
                }
                return;
            }
            if (method.equals("GET") && rest.equals("charge/special-amount")) {
                if (scoped(exchange, token, "group-resource:r")) {
                    if (specialAmount == null) {
                        error(exchange, 404, "group not found");
                    } else {
                        send(exchange, 200, specialAmount);
                    }
                }
                return;
            }
        }
        error(exchange, 404, "not found");
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int pageSize = Math.min(100, Integer.parseInt(query.getOrDefault("page_size", "20")));
        List<Workspace> matching = new ArrayList<>();
        for (Workspace w : workspaces) {
            if ("starting".equals(w.status) && --w.listsUntilRunning <= 0) {
                w.status = "running";
            }
            if ("starting".equals(w.status) || "deleted".equals(w.status)) {
                continue; // not a workspace the list shows yet (or any more)
            }
            if (matches(query.get("slug"), w.slug) && matches(query.get("branch"), w.branch)
                    && matches(query.get("status"), w.status)) {
                matching.add(w);
            }
        }
        ArrayNode list = JSON.createArrayNode();
        int from = Math.min(matching.size(), (page - 1) * pageSize);
        int to = Math.min(matching.size(), from + pageSize);
        for (Workspace w : matching.subList(from, to)) {
            ObjectNode item = list.addObject();
            item.put("sn", w.sn).put("pipeline_id", w.pipelineId).put("slug", w.slug).put("branch", w.branch)
                    .put("status", w.status).put("create_time", w.created.toString())
                    .put("duration", 1234).put("ssh", w.ssh).put("workspace", workspaceFolder)
                    .put("repo_url", "https://cnb.cool/" + w.slug).put("commit_count", w.commitCount)
                    .put("file_count", w.fileCount).put("remote_stash_count", w.stashCount)
                    .put("file_list", w.fileList == null ? "" : w.fileList).put("latest_sha", "abc1234")
                    .put("restore_id", "");
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("hasMore", to < matching.size());
        result.set("list", list);
        result.putObject("pageInfo").put("page", page).put("page_size", pageSize);
        result.put("total", matching.size());
        send(exchange, 200, result);
    }

    private void start(HttpExchange exchange, String slug, JsonNode body) throws IOException {
        if (!repos.contains(slug)) {
            error(exchange, 404, "repository not found");
            return;
        }
        String branch = body.path("branch").asText("");
        if (branch.isEmpty()) {
            String ref = body.path("ref").asText("");
            branch = ref.replaceFirst("^refs/(heads|tags)/", "");
        }
        for (Workspace w : workspaces) {
            if (w.slug.equals(slug) && w.branch.equals(branch) && w.status.equals("running")) {
                send(exchange, 200, JSON.createObjectNode().put("url", webide(w)));
                return;
            }
        }
        Workspace w = add(slug, branch, "starting", Instant.now());
        w.listsUntilRunning = listsUntilRunning;
        ObjectNode result = JSON.createObjectNode().put("url", "https://cnb.cool/" + slug + "/-/loading/" + w.sn)
                .put("sn", w.sn).put("message", "workspace is starting")
                .put("buildLogUrl", "https://cnb.cool/" + slug + "/-/build/logs/" + w.sn);
        send(exchange, 200, result);
    }

    private void stopOrDelete(HttpExchange exchange, boolean delete, JsonNode body) throws IOException {
        String pipelineId = body.path("pipelineId").asText("");
        String sn = body.path("sn").asText("");
        Workspace found = null;
        for (Workspace w : workspaces) {
            if (!pipelineId.isEmpty() ? w.pipelineId.equals(pipelineId) : w.sn.equals(sn)) {
                found = w;
            }
        }
        if (found == null) {
            error(exchange, 404, "workspace not found");
            return;
        }
        if (delete) {
            found.status = "deleted";
            send(exchange, 200, JSON.createObjectNode().put("code", 0).put("message", "deleted"));
            return;
        }
        found.status = "closed";
        send(exchange, 200, JSON.createObjectNode().put("sn", found.sn).put("message", "workspace closed")
                .put("buildLogUrl", "https://cnb.cool/" + found.slug + "/-/build/logs/" + found.sn));
    }

    private void detail(HttpExchange exchange, String slug, String sn) throws IOException {
        for (Workspace w : workspaces) {
            if (w.slug.equals(slug) && w.sn.equals(sn) && w.status.equals("running")) {
                ObjectNode detail = JSON.createObjectNode().put("webide", webide(w));
                if (w.ssh && sshLogin != null) {
                    detail.put("ssh", sshLogin);
                    detail.put("remoteSsh", sshLogin.replaceFirst("^ssh\\s+", ""));
                    detail.put("vscode", "vscode://vscode-remote/ssh-remote+" + w.sn + "/workspace");
                }
                detail.put("cursor", "cursor://vscode-remote/ssh-remote+" + w.sn + "/workspace");
                detail.putObject("jetbrains").put("pycharm", "jetbrains-gateway://connect#" + w.sn);
                detail.put("jumpUrl", "https://cnb.cool/" + slug + "/-/workspace/jump/" + w.sn);
                detail.put("zed", "zed://ssh/" + w.sn); // a newer editor link Tether does not know
                send(exchange, 200, detail);
                return;
            }
        }
        error(exchange, 404, "workspace not found");
    }

    private String webide(Workspace w) {
        return uri() + "/webide/" + w.sn + "-001/?folder=/workspace";
    }

    private boolean scoped(HttpExchange exchange, String token, String scope) throws IOException {
        if (tokens.get(token).contains(scope)) {
            return true;
        }
        error(exchange, 403, "token has no permission");
        return false;
    }

    private static boolean matches(String wanted, String value) {
        return wanted == null || wanted.isEmpty() || wanted.equals(value);
    }

    private static String decodeSlug(String raw) {
        StringBuilder slug = new StringBuilder();
        for (String segment : raw.split("/")) {
            if (slug.length() > 0) {
                slug.append('/');
            }
            slug.append(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return slug.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON.createObjectNode().put("errcode", status * 100).put("errmsg", message));
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
