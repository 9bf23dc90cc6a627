package app.tether.providers.cnb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ways into a running workspace ({@code GET /{repo}/-/workspace/detail/{sn}}): WebIDE URL, the SSH login
 * command, the VS Code link, and every other text field kept by name (the spec keeps adding editors).
 */
public record CnbWorkspaceDetail(String webide, String ssh, String remoteSsh, String vscode, String jumpUrl,
        Map<String, String> links) {

    public CnbWorkspaceDetail {
        links = links == null ? Map.of() : Map.copyOf(links);
    }

    /** Reads leniently: missing or non-text fields are null, unknown text fields go to {@link #links}. */
    static CnbWorkspaceDetail from(JsonNode node) {
        Map<String, String> links = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                links.put(field.getKey(), field.getValue().asText());
            }
        }
        return new CnbWorkspaceDetail(links.get("webide"), links.get("ssh"), links.get("remoteSsh"),
                links.get("vscode"), links.get("jumpUrl"), links);
    }
}
