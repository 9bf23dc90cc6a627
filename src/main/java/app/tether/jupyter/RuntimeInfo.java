package app.tether.jupyter;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a running Jupyter server says about itself in its runtime file ({@code jpserver-<pid>.json}) and in
 * {@code jupyter server list --json}: where it listens and its URL. Its {@code toString} hides the token.
 */
public record RuntimeInfo(String url, String hostname, int port, String baseUrl, long pid, String rootDir,
        String version, String token, boolean password, boolean secure) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** jupyter_server 2.5 printed list output through its logger (jupyter_server#1273). */
    private static final String LOGGER_PREFIX = "[JupyterServerListApp] ";

    /** Parses one runtime file. */
    public static RuntimeInfo parseRuntimeFile(String json) {
        try {
            return of(JSON.readTree(json));
        } catch (IOException e) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, e, "jupyter.error.runtimeInfo", e.getMessage());
        }
    }

    /**
     * Parses {@code jupyter server list --json} (one object per line) or {@code --jsonlist} (one array); empty
     * output means no server runs. Lines that are not JSON objects (warnings) are skipped.
     */
    public static List<RuntimeInfo> parseServerList(String output) {
        List<RuntimeInfo> servers = new ArrayList<>();
        String trimmed = output.strip();
        if (trimmed.startsWith("[") && !trimmed.startsWith(LOGGER_PREFIX)) {
            try {
                JsonNode array = JSON.readTree(trimmed);
                if (array != null && array.isArray()) {
                    array.forEach(node -> servers.add(of(node)));
                    return servers;
                }
            } catch (IOException notAnArray) {
                // fall through to line by line
            }
        }
        for (String line : trimmed.split("\n")) {
            String text = line.strip();
            if (text.startsWith(LOGGER_PREFIX)) {
                text = text.substring(LOGGER_PREFIX.length()).strip();
            }
            if (!text.startsWith("{")) {
                continue;
            }
            try {
                servers.add(of(JSON.readTree(text)));
            } catch (IOException e) {
                throw new TetherException(ErrorCode.REMOTE_FAILED, e, "jupyter.error.runtimeInfo", e.getMessage());
            }
        }
        return servers;
    }

    private static RuntimeInfo of(JsonNode node) {
        String root = node.hasNonNull("root_dir") ? node.get("root_dir").asText() : node.path("notebook_dir").asText(null);
        return new RuntimeInfo(node.path("url").asText(""), node.path("hostname").asText(""),
                node.path("port").asInt(0), node.path("base_url").asText("/"), node.path("pid").asLong(0), root,
                node.path("version").asText(null), node.path("token").asText(""),
                node.path("password").asBoolean(false), node.path("secure").asBoolean(false));
    }

    @Override
    public String toString() {
        return "RuntimeInfo[url=" + url + ", port=" + port + ", baseUrl=" + baseUrl + ", pid=" + pid + ", rootDir="
                + rootDir + ", version=" + version + ", token=" + (token.isEmpty() ? "" : "***") + ", password="
                + password + "]";
    }
}
