package app.tether.providers.gce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Compute Engine v1 and Google's OAuth token endpoint, written from cnb-and-gce-apis.md §4 (not
 * from Tether's client): the paths of §4.1 under {@code /compute/v1/}, the {@code {"error":{code,message,errors}}}
 * envelope, operations PENDING → RUNNING → DONE (one step per read), the Instance status machine of §4.2,
 * metadata fingerprints with 412 on a stale one, suspend/resume, {@code requestId} idempotency, and
 * {@code compute.instances.preempted} operations injected on demand (§4.5).
 */
public final class ComputeStandIn implements AutoCloseable {
    static final String LINK_BASE = "https://www.googleapis.com/compute/v1/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final Pattern INSTANCE = Pattern.compile(
            "projects/([^/]+)/zones/([^/]+)/instances/([^/]+)(?:/(start|stop|suspend|resume|setMetadata))?");

    /** One HTTP request as received (body text may be empty). */
    record Request(String method, String path, Map<String, String> query, String body, String authorization) {
    }

    /** A failure to answer with instead of the normal response. */
    record Injected(String method, Pattern path, int status, String reason, String message) {
    }

    private final HttpServer server;
    private final Map<String, ObjectNode> instances = new LinkedHashMap<>();
    private final Map<String, Op> operations = new LinkedHashMap<>();
    private final Map<String, String> byRequestId = new HashMap<>();
    private final Map<String, ObjectNode> images = new HashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Injected> injected = new ArrayDeque<>();
    private final Deque<String[]> operationErrors = new ArrayDeque<>();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(4_100_000_000_000_000_000L);
    private volatile boolean refuseSuspendWithGpu = true;
    private volatile boolean refuseTokens;
    private volatile String natIp = "127.0.0.1";
    private volatile Consumer<String> sshKeysListener = keys -> { };
    private volatile Consumer<String> runningListener = name -> { };

    /** An operation and the change it makes when it reaches DONE. */
    private static final class Op {
        final ObjectNode json;
        final Runnable atRunning;
        final Runnable atDone;

        Op(ObjectNode json, Runnable atRunning, Runnable atDone) {
            this.json = json;
            this.atRunning = atRunning;
            this.atDone = atDone;
        }
    }

    ComputeStandIn() throws IOException {
        this(0);
    }

    ComputeStandIn(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/compute/v1/";
    }

    String tokenUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** An authorized_user ADC file whose token_uri is this server's token endpoint. */
    Path writeAdc(Path file, String quotaProject) throws IOException {
        Files.createDirectories(file.getParent());
        ObjectNode adc = JSON.createObjectNode().put("type", "authorized_user").put("client_id", "cid.apps")
                .put("client_secret", "csecret").put("refresh_token", "rtoken").put("token_uri", tokenUri());
        if (quotaProject != null) {
            adc.put("quota_project_id", quotaProject);
        }
        Files.writeString(file, adc.toString());
        return file;
    }

    /** The external address every VM gets when it starts (the tests' sshd listens there). */
    void natIp(String address) {
        this.natIp = address;
    }

    /** Called with the whole {@code ssh-keys} value whenever it changes (the guest agent's part). */
    void onSshKeys(Consumer<String> listener) {
        this.sshKeysListener = listener;
    }

    /** Called with the instance name whenever an instance (re)starts running (the VM boots: its sshd is back). */
    void onRunning(Consumer<String> listener) {
        this.runningListener = listener;
    }

    void refuseSuspendWithGpu(boolean refuse) {
        this.refuseSuspendWithGpu = refuse;
    }

    void refuseTokens(boolean refuse) {
        this.refuseTokens = refuse;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    /** The next request matching method and path gets this error envelope instead. */
    synchronized void failNext(String method, String pathRegex, int status, String reason, String message) {
        injected.add(new Injected(method, Pattern.compile(pathRegex), status, reason, message));
    }

    /** The next operation started ends DONE with this error (e.g. QUOTA_EXCEEDED) and changes nothing. */
    synchronized void failNextOperation(String code, String message) {
        operationErrors.add(new String[] {code, message});
    }

    synchronized void addImage(String project, String family, String name) {
        images.put(project + "/" + family, JSON.createObjectNode().put("kind", "compute#image").put("name", name)
                .put("family", family).put("status", "READY")
                .put("selfLink", LINK_BASE + "projects/" + project + "/global/images/" + name));
    }

    /** Adds an instance in {@code status} (TERMINATED or RUNNING) with optional GPUs; returns its JSON (live). */
    synchronized ObjectNode addInstance(String project, String zone, String name, String machineType,
            String gpuType, int gpuCount, boolean spot, String status) {
        ObjectNode instance = JSON.createObjectNode();
        instance.put("kind", "compute#instance").put("id", String.valueOf(ids.incrementAndGet())).put("name", name)
                .put("zone", LINK_BASE + "projects/" + project + "/zones/" + zone)
                .put("machineType", LINK_BASE + "projects/" + project + "/zones/" + zone + "/machineTypes/" + machineType)
                .put("selfLink", selfLink(project, zone, name)).put("status", status)
                .put("creationTimestamp", now());
        if (gpuType != null) {
            instance.putArray("guestAccelerators").addObject()
                    .put("acceleratorType", LINK_BASE + "projects/" + project + "/zones/" + zone
                            + "/acceleratorTypes/" + gpuType).put("acceleratorCount", gpuCount);
        }
        ObjectNode scheduling = instance.putObject("scheduling").put("onHostMaintenance", "TERMINATE");
        if (spot) {
            scheduling.put("provisioningModel", "SPOT").put("instanceTerminationAction", "STOP")
                    .put("automaticRestart", false);
        } else {
            scheduling.put("provisioningModel", "STANDARD").put("automaticRestart", true);
        }
        ObjectNode nic = instance.putArray("networkInterfaces").addObject();
        nic.put("network", LINK_BASE + "projects/" + project + "/global/networks/default").put("networkIP", "10.128.0.2");
        nic.putArray("accessConfigs").addObject().put("type", "ONE_TO_ONE_NAT").put("name", "External NAT");
        instance.putObject("metadata").put("kind", "compute#metadata").put("fingerprint", fingerprint())
                .putArray("items");
        if (status.equals("RUNNING")) {
            running(instance);
        }
        instances.put(key(project, zone, name), instance);
        return instance;
    }

    synchronized ObjectNode instance(String project, String zone, String name) {
        return instances.get(key(project, zone, name));
    }

    /** Deletes an instance behind Tether's back (a VM recreated elsewhere). */
    synchronized void remove(String project, String zone, String name) {
        instances.remove(key(project, zone, name));
    }

    /**
     * Google preempts the Spot VM: a DONE {@code compute.instances.preempted} operation by system@google.com, and
     * the instance goes STOPPING then (on the next read of any instance) TERMINATED, as with action STOP.
     */
    synchronized void preempt(String project, String zone, String name) {
        ObjectNode instance = instances.get(key(project, zone, name));
        ObjectNode op = operation(project, zone, "compute.instances.preempted", instance);
        op.put("status", "DONE").put("progress", 100).put("user", "system@google.com")
                .put("statusMessage", "Instance was preempted.").put("endTime", now());
        operations.put(op.get("name").asText(), new Op(op, () -> { }, () -> { }));
        instance.put("status", "TERMINATED").put("lastStopTimestamp", now());
        stopped(instance);
    }

    /**
     * Runs the stand-in for trying Tether by hand: {@code main ADC_FILE [PORT] [NAT_IP]} writes an ADC file naming
     * its token endpoint, adds a Spot GPU Deep Learning VM "nb-1" (RUNNING) and "cpu-1" (TERMINATED) in proj-1/us-central1-a and
     * the image family common-cu128-ubuntu-2204-nvidia-570, prints the endpoint, then reads commands from stdin:
     * {@code preempt NAME}, {@code stockout} (the next operation fails with ZONE_RESOURCE_POOL_EXHAUSTED),
     * {@code quota}, {@code keys FILE} (write ssh-keys of the current user there, as the guest agent), {@code quit}.
     */
    public static void main(String[] args) throws Exception {
        ComputeStandIn compute = new ComputeStandIn(args.length > 1 ? Integer.parseInt(args[1]) : 0);
        if (args.length > 2) {
            compute.natIp(args[2]);
        }
        compute.writeAdc(Path.of(args[0]), "proj-1");
        compute.addImage("deeplearning-platform-release", "common-cu128-ubuntu-2204-nvidia-570",
                "common-cu128-ubuntu-2204-nvidia-570-v20261101");
        ObjectNode dlvm = compute.addInstance("proj-1", "us-central1-a", "nb-1", "g2-standard-8", "nvidia-l4", 1, true,
                "RUNNING");
        ((ArrayNode) dlvm.get("metadata").get("items")).addObject().put("key", "proxy-mode")
                .put("value", "project_editors"); // a Deep Learning VM: JupyterLab on 8080
        compute.addInstance("proj-1", "us-central1-a", "cpu-1", "n1-standard-4", null, 0, true, "TERMINATED");
        System.out.println("CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE=" + compute.endpoint());
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            String[] words = line.strip().split("\\s+");
            switch (words[0]) {
                case "preempt" -> compute.preempt("proj-1", "us-central1-a", words[1]);
                case "stockout" -> compute.failNextOperation("ZONE_RESOURCE_POOL_EXHAUSTED", "The zone"
                        + " 'projects/proj-1/zones/us-central1-a' does not have enough resources available to fulfill"
                        + " the request.  Try a different zone, or try again later.");
                case "quota" -> compute.failNextOperation("QUOTA_EXCEEDED", "Quota 'NVIDIA_L4_GPUS' exceeded."
                        + "  Limit: 0.0 in region us-central1.");
                case "keys" -> {
                    Path file = Path.of(words[1]);
                    String user = System.getProperty("user.name");
                    compute.onSshKeys(keys -> {
                        StringBuilder lines = new StringBuilder();
                        for (String key : keys.split("\n")) {
                            if (key.startsWith(user + ":")) {
                                lines.append(key.substring(user.length() + 1)).append('\n');
                            }
                        }
                        try {
                            Files.writeString(file, lines.toString());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
                default -> System.out.println("unknown command: " + line);
            }
            System.out.println("ok " + line);
        }
        compute.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ---- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(method, rawPath, query, body, auth));
            if (rawPath.equals("/token")) {
                token(exchange, body);
                return;
            }
            if (!rawPath.startsWith("/compute/v1/")) {
                error(exchange, 404, "notFound", "The requested URL " + rawPath + " was not found.");
                return;
            }
            String path = rawPath.substring("/compute/v1/".length());
            Injected failure = takeInjected(method, path);
            if (failure != null) {
                error(exchange, failure.status(), failure.reason(), failure.message());
                return;
            }
            if (auth == null || !auth.startsWith("Bearer ") || !issuedTokens.contains(auth.substring(7))) {
                error(exchange, 401, "authError", "Request had invalid authentication credentials. Expected OAuth 2"
                        + " access token, login cookie or other valid authentication credential.");
                return;
            }
            route(exchange, method, path, query, body);
        } catch (IOException | RuntimeException e) {
            e.printStackTrace(); // a bug in the stand-in: shown, then the client sees the connection close
            throw e;
        }
    }

    private synchronized Injected takeInjected(String method, String path) {
        for (var it = injected.iterator(); it.hasNext(); ) {
            Injected candidate = it.next();
            if (candidate.method().equals(method) && candidate.path().matcher(path).matches()) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }

    private void token(HttpExchange exchange, String body) throws IOException {
        Map<String, String> form = query(body);
        if (refuseTokens || !"refresh_token".equals(form.get("grant_type")) || !"rtoken".equals(form.get("refresh_token"))
                || !"cid.apps".equals(form.get("client_id"))) {
            send(exchange, 400, JSON.createObjectNode().put("error", "invalid_grant")
                    .put("error_description", "Token has been expired or revoked."));
            return;
        }
        String token = "ya29.standin-" + UUID.randomUUID();
        issuedTokens.add(token);
        send(exchange, 200, JSON.createObjectNode().put("access_token", token).put("expires_in", 3599)
                .put("token_type", "Bearer").put("scope", "https://www.googleapis.com/auth/cloud-platform"));
    }

    private synchronized void route(HttpExchange exchange, String method, String path, Map<String, String> query,
            String body) throws IOException {
        Matcher m;
        if ((m = Pattern.compile("projects/([^/]+)/aggregated/instances").matcher(path)).matches() && method.equals("GET")) {
            ObjectNode list = JSON.createObjectNode().put("kind", "compute#instanceAggregatedList")
                    .put("id", "projects/" + m.group(1) + "/aggregated/instances");
            ObjectNode items = list.putObject("items");
            for (ObjectNode instance : instances.values()) {
                String link = instance.get("selfLink").asText();
                if (!link.contains("/projects/" + m.group(1) + "/")) {
                    continue;
                }
                String zone = last(instance.get("zone").asText());
                ObjectNode scoped = items.has("zones/" + zone) ? (ObjectNode) items.get("zones/" + zone)
                        : items.putObject("zones/" + zone);
                (scoped.has("instances") ? (ArrayNode) scoped.get("instances") : scoped.putArray("instances"))
                        .add(instance);
            }
            send(exchange, 200, list);
            return;
        }
        if ((m = Pattern.compile("projects/([^/]+)/zones/([^/]+)/instances").matcher(path)).matches()
                && method.equals("POST")) {
            insert(exchange, m.group(1), m.group(2), body, query.get("requestId"));
            return;
        }
        if ((m = Pattern.compile("projects/([^/]+)/zones/([^/]+)/operations/([^/]+)").matcher(path)).matches()
                && method.equals("GET")) {
            Op op = operations.get(m.group(3));
            if (op == null) {
                error(exchange, 404, "notFound", "The resource 'projects/" + m.group(1) + "/zones/" + m.group(2)
                        + "/operations/" + m.group(3) + "' was not found");
                return;
            }
            advance(op);
            send(exchange, 200, op.json);
            return;
        }
        if ((m = Pattern.compile("projects/([^/]+)/zones/([^/]+)/operations").matcher(path)).matches()
                && method.equals("GET")) {
            listOperations(exchange, m.group(1), m.group(2), query.get("filter"));
            return;
        }
        if ((m = Pattern.compile("projects/([^/]+)/global/images/family/([^/]+)").matcher(path)).matches()
                && method.equals("GET")) {
            ObjectNode image = images.get(m.group(1) + "/" + m.group(2));
            if (image == null) {
                error(exchange, 404, "notFound", "The resource 'projects/" + m.group(1) + "/global/images/family/"
                        + m.group(2) + "' was not found");
                return;
            }
            send(exchange, 200, image);
            return;
        }
        if ((m = INSTANCE.matcher(path)).matches()) {
            instanceCall(exchange, method, m.group(1), m.group(2), m.group(3), m.group(4), query.get("requestId"), body);
            return;
        }
        error(exchange, 404, "notFound", "The requested URL /compute/v1/" + path + " was not found.");
    }

    private void instanceCall(HttpExchange exchange, String method, String project, String zone, String name,
            String verb, String requestId, String body) throws IOException {
        ObjectNode instance = instances.get(key(project, zone, name));
        if (instance == null) {
            error(exchange, 404, "notFound", "The resource 'projects/" + project + "/zones/" + zone + "/instances/"
                    + name + "' was not found");
            return;
        }
        if (verb == null && method.equals("GET")) {
            send(exchange, 200, instance);
            return;
        }
        if (requestId != null && byRequestId.containsKey(requestId)) {
            send(exchange, 200, operations.get(byRequestId.get(requestId)).json); // the same operation again
            return;
        }
        String status = instance.get("status").asText();
        Op op;
        if (verb == null && method.equals("DELETE")) {
            op = start(project, zone, "delete", instance, () -> instance.put("status", "STOPPING"),
                    () -> instances.remove(key(project, zone, name)));
        } else if ("start".equals(verb) && method.equals("POST")) {
            op = start(project, zone, "start", instance, () -> {
                if (!status.equals("RUNNING")) {
                    instance.put("status", "STAGING");
                }
            }, () -> running(instance));
        } else if ("stop".equals(verb) && method.equals("POST")) {
            op = start(project, zone, "stop", instance, () -> instance.put("status", "STOPPING"), () -> {
                instance.put("status", "TERMINATED").put("lastStopTimestamp", now());
                stopped(instance);
            });
        } else if ("suspend".equals(verb) && method.equals("POST")) {
            if (refuseSuspendWithGpu && instance.has("guestAccelerators")) {
                error(exchange, 400, "badRequest", "Instance '" + name + "' has guest accelerators; suspend is not"
                        + " supported for instances with GPUs attached.");
                return;
            }
            if (!status.equals("RUNNING")) {
                error(exchange, 400, "resourceNotReady", "The resource '" + name + "' is not ready");
                return;
            }
            op = start(project, zone, "suspend", instance, () -> instance.put("status", "SUSPENDING"), () -> {
                instance.put("status", "SUSPENDED").put("lastSuspendedTimestamp", now());
                stopped(instance);
            });
        } else if ("resume".equals(verb) && method.equals("POST")) {
            if (!status.equals("SUSPENDED")) {
                error(exchange, 400, "badRequest", "Instance '" + name + "' is not suspended.");
                return;
            }
            op = start(project, zone, "resume", instance, () -> instance.put("status", "PROVISIONING"),
                    () -> running(instance));
        } else if ("setMetadata".equals(verb) && method.equals("POST")) {
            JsonNode metadata = JSON.readTree(body);
            String current = instance.get("metadata").get("fingerprint").asText();
            if (!current.equals(metadata.path("fingerprint").asText(null))) {
                error(exchange, 412, "conditionNotMet", "Supplied fingerprint does not match current metadata"
                        + " fingerprint.");
                return;
            }
            op = start(project, zone, "setMetadata", instance, () -> { }, () -> {
                ObjectNode updated = JSON.createObjectNode().put("kind", "compute#metadata").put("fingerprint",
                        fingerprint());
                updated.set("items", metadata.has("items") ? metadata.get("items") : JSON.createArrayNode());
                instance.set("metadata", updated);
                for (JsonNode item : updated.get("items")) {
                    if (item.path("key").asText().equals("ssh-keys")) {
                        sshKeysListener.accept(item.path("value").asText());
                    }
                }
            });
        } else {
            error(exchange, 400, "badRequest", "Invalid request " + method + " " + verb);
            return;
        }
        if (requestId != null) {
            byRequestId.put(requestId, op.json.get("name").asText());
        }
        send(exchange, 200, op.json);
    }

    private void insert(HttpExchange exchange, String project, String zone, String body, String requestId)
            throws IOException {
        if (requestId != null && byRequestId.containsKey(requestId)) {
            send(exchange, 200, operations.get(byRequestId.get(requestId)).json);
            return;
        }
        JsonNode wanted = JSON.readTree(body);
        String name = wanted.path("name").asText();
        if (instances.containsKey(key(project, zone, name))) {
            error(exchange, 409, "alreadyExists", "The resource 'projects/" + project + "/zones/" + zone
                    + "/instances/" + name + "' already exists");
            return;
        }
        ObjectNode placeholder = JSON.createObjectNode().put("selfLink", selfLink(project, zone, name))
                .put("id", String.valueOf(ids.incrementAndGet()));
        Op op = start(project, zone, "insert", placeholder, () -> { }, () -> {
            String machine = last(wanted.path("machineType").asText());
            JsonNode gpu = wanted.path("guestAccelerators").path(0);
            ObjectNode created = addInstance(project, zone, name, machine,
                    gpu.isMissingNode() ? null : last(gpu.path("acceleratorType").asText()),
                    gpu.path("acceleratorCount").asInt(0),
                    "SPOT".equals(wanted.path("scheduling").path("provisioningModel").asText()), "RUNNING");
            created.put("id", placeholder.get("id").asText());
            created.set("scheduling", wanted.path("scheduling"));
            ((ObjectNode) created.get("metadata")).set("items", wanted.path("metadata").path("items"));
        });
        if (requestId != null) {
            byRequestId.put(requestId, op.json.get("name").asText());
        }
        send(exchange, 200, op.json);
    }

    private void listOperations(HttpExchange exchange, String project, String zone, String filter) throws IOException {
        Matcher type = Pattern.compile("operationType=\"([^\"]+)\"").matcher(filter == null ? "" : filter);
        Matcher target = Pattern.compile("targetLink=\"([^\"]+)\"").matcher(filter == null ? "" : filter);
        String wantedType = type.find() ? type.group(1) : null;
        String wantedTarget = target.find() ? target.group(1) : null;
        ObjectNode list = JSON.createObjectNode().put("kind", "compute#operationList");
        ArrayNode items = list.putArray("items");
        for (Op op : operations.values()) {
            if (!op.json.get("zone").asText().endsWith("/zones/" + zone)
                    || !op.json.get("selfLink").asText().contains("/projects/" + project + "/")) {
                continue;
            }
            if (wantedType != null && !wantedType.equals(op.json.get("operationType").asText())) {
                continue;
            }
            if (wantedTarget != null && !wantedTarget.equals(op.json.get("targetLink").asText())) {
                continue;
            }
            items.add(op.json);
        }
        send(exchange, 200, list);
    }

    // ---- state machine

    private Op start(String project, String zone, String type, ObjectNode instance, Runnable atRunning,
            Runnable atDone) {
        ObjectNode json = operation(project, zone, "compute.instances." + type, instance);
        String[] failure = operationErrors.poll();
        Op op = failure == null ? new Op(json, atRunning, atDone) : new Op(json, () -> { }, () -> {
            json.putObject("error").putArray("errors").addObject().put("code", failure[0]).put("message", failure[1]);
            json.put("httpErrorStatusCode", 403).put("httpErrorMessage", "FORBIDDEN");
        });
        operations.put(json.get("name").asText(), op);
        return op;
    }

    private ObjectNode operation(String project, String zone, String type, ObjectNode instance) {
        String name = "operation-" + System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return JSON.createObjectNode().put("kind", "compute#operation").put("id", String.valueOf(ids.incrementAndGet()))
                .put("name", name).put("operationType", type).put("status", "PENDING").put("progress", 0)
                .put("targetLink", instance.get("selfLink").asText()).put("targetId", instance.get("id").asText())
                .put("zone", LINK_BASE + "projects/" + project + "/zones/" + zone).put("user", "tester@example.com")
                .put("insertTime", now())
                .put("selfLink", LINK_BASE + "projects/" + project + "/zones/" + zone + "/operations/" + name);
    }

    /** One step per read: PENDING → RUNNING (the change begins) → DONE (the change is made). */
    private void advance(Op op) {
        String status = op.json.get("status").asText();
        if (status.equals("PENDING")) {
            op.json.put("status", "RUNNING").put("progress", 50).put("startTime", now());
            op.atRunning.run();
        } else if (status.equals("RUNNING")) {
            op.atDone.run();
            op.json.put("status", "DONE").put("progress", 100).put("endTime", now());
        }
    }

    private void running(ObjectNode instance) {
        instance.put("status", "RUNNING").put("lastStartTimestamp", now());
        ((ObjectNode) instance.get("networkInterfaces").get(0).get("accessConfigs").get(0)).put("natIP", natIp);
        runningListener.accept(instance.get("name").asText());
    }

    /** An ephemeral external address is released when the VM stops. */
    private static void stopped(ObjectNode instance) {
        ((ObjectNode) instance.get("networkInterfaces").get(0).get("accessConfigs").get(0)).remove("natIP");
    }

    // ---- helpers

    private static String selfLink(String project, String zone, String name) {
        return LINK_BASE + "projects/" + project + "/zones/" + zone + "/instances/" + name;
    }

    private static String key(String project, String zone, String name) {
        return project + "/" + zone + "/" + name;
    }

    private static String last(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(-8)).format(TIME);
    }

    private static String fingerprint() {
        byte[] bytes = new byte[8];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    private static void error(HttpExchange exchange, int status, String reason, String message) throws IOException {
        ObjectNode envelope = JSON.createObjectNode();
        ObjectNode error = envelope.putObject("error").put("code", status).put("message", message);
        error.putArray("errors").addObject().put("message", message).put("domain", "global").put("reason", reason);
        send(exchange, status, envelope);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

}
