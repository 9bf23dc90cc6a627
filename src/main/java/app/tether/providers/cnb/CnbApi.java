package app.tether.providers.cnb;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CNB OpenAPI calls Tether makes (reference §1): the token check, the five workspace operations it needs and
 * the group's GPU quota. Every call has a connect and a request timeout; failures are one-line
 * {@link TetherException}s naming the token scope the call needs when CNB refuses it.
 */
public final class CnbApi {
    private static final Logger LOG = LoggerFactory.getLogger(CnbApi.class);
    static final String ACCEPT = "application/vnd.cnb.api+json";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final int PAGE_SIZE = 100;
    /** A runaway {@code hasMore} must not page forever. */
    static final int MAX_PAGES = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http;

    public CnbApi(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static CnbApi from(CnbCredentials credentials) {
        return new CnbApi(credentials.endpoint(), credentials.token());
    }

    public URI base() {
        return base;
    }

    /** {@code GET /user}: who the token belongs to (its user name), or AUTH_FAILED. */
    public String user() throws InterruptedException {
        JsonNode user = send("GET", "/user", null, "account-profile:r");
        for (String field : List.of("username", "nickname", "name")) {
            String value = CnbWorkspaceItem.text(user, field);
            if (value != null) {
                return value;
            }
        }
        return "?";
    }

    /** {@code GET /workspace/list}, every page, filtered by {@code slug}, {@code branch}, {@code status} (each optional). */
    public List<CnbWorkspaceItem> workspaces(String slug, String branch, String status) throws InterruptedException {
        List<CnbWorkspaceItem> items = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            putIf(query, "slug", slug);
            putIf(query, "branch", branch);
            putIf(query, "status", status);
            query.put("page", String.valueOf(page));
            query.put("page_size", String.valueOf(PAGE_SIZE));
            JsonNode result = send("GET", "/workspace/list" + query(query), null, "account-engage:r");
            JsonNode list = result.path("list");
            list.forEach(node -> items.add(CnbWorkspaceItem.from(node)));
            if (!result.path("hasMore").asBoolean(false) || list.isEmpty()) {
                return items;
            }
        }
        LOG.warn("CNB workspace list still had more after {} pages; showing what was read", MAX_PAGES);
        return items;
    }

    /** {@code POST /{repo}/-/workspace/start} for {@code branch}. */
    public CnbStartResult start(String repo, String branch) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("branch", branch);
        body.put("ref", "refs/heads/" + branch);
        JsonNode result = send("POST", "/" + CnbRepoPath.encode(repo) + "/-/workspace/start", body,
                "repo-cnb-trigger:rw");
        return new CnbStartResult(CnbWorkspaceItem.text(result, "url"), CnbWorkspaceItem.text(result, "sn"),
                CnbWorkspaceItem.text(result, "message"), CnbWorkspaceItem.text(result, "buildLogUrl"));
    }

    /** {@code POST /workspace/stop} by pipeline id when known (it wins), else by sn; returns CNB's message. */
    public String stop(CnbWorkspaceItem workspace) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        if (workspace.pipelineId() != null) {
            body.put("pipelineId", workspace.pipelineId());
        } else {
            body.put("sn", workspace.sn());
        }
        return CnbWorkspaceItem.text(send("POST", "/workspace/stop", body, "account-engage:rw"), "message");
    }

    /** {@code GET /{repo}/-/workspace/detail/{sn}}. */
    public CnbWorkspaceDetail detail(String repo, String sn) throws InterruptedException {
        String path = "/" + CnbRepoPath.encode(repo) + "/-/workspace/detail/"
                + URLEncoder.encode(sn, StandardCharsets.UTF_8);
        return CnbWorkspaceDetail.from(send("GET", path, null, "repo-cnb-detail:r"));
    }

    /** {@code GET /{group}/-/charge/special-amount}: the group's remaining special amounts (JSON as sent). */
    public JsonNode specialAmount(String group) throws InterruptedException {
        return send("GET", "/" + CnbRepoPath.encodeGroup(group) + "/-/charge/special-amount",
                null, "group-resource:r");
    }

    private JsonNode send(String method, String path, JsonNode body, String scope) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", ACCEPT)
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new TetherException(ErrorCode.CANNOT_CONNECT, e, "cnb.error.timeout", base.getHost(),
                    REQUEST_TIMEOUT.toSeconds());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.CANNOT_CONNECT, e, "cnb.error.unreachable", base.getHost(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        int status = response.statusCode();
        LOG.debug("CNB {} {} -> {}", method, path, status);
        if (status >= 200 && status < 300) {
            return parse(response.body());
        }
        throw failure(status, response, scope);
    }

    private static TetherException failure(int status, HttpResponse<String> response, String scope) {
        String message = errorMessage(response.body());
        return switch (status) {
            case 401 -> new TetherException(ErrorCode.AUTH_FAILED, "cnb.error.401", message);
            case 403 -> new TetherException(ErrorCode.AUTH_FAILED, "cnb.error.403", scope, message);
            case 404 -> new TetherException(ErrorCode.NOT_FOUND, "cnb.error.404", message);
            case 429 -> new TetherException(ErrorCode.CANNOT_CONNECT, "cnb.error.429",
                    response.headers().firstValue("Retry-After").orElse("?"), message);
            default -> new TetherException(status >= 500 ? ErrorCode.CANNOT_CONNECT : ErrorCode.FAILURE,
                    "cnb.error.status", status, message);
        };
    }

    /** CNB's own words from an error body ({@code errmsg}, {@code message}, …), else the start of the body. */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "-";
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : List.of("errmsg", "message", "error", "msg")) {
                String value = node == null ? null : CnbWorkspaceItem.text(node, field);
                if (value != null) {
                    return value;
                }
            }
        } catch (IOException e) {
            // not JSON: show the text itself
        }
        String text = body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new TetherException(ErrorCode.FAILURE, e, "cnb.error.badJson", e.getMessage());
        }
    }

    private static void putIf(Map<String, String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.put(name, value);
        }
    }

    private static String query(Map<String, String> query) {
        StringBuilder text = new StringBuilder();
        query.forEach((name, value) -> text.append(text.length() == 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return text.toString();
    }
}
