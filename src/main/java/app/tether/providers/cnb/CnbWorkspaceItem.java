package app.tether.providers.cnb;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One workspace of {@code GET /workspace/list}: which pipeline ({@code sn}, {@code pipelineId}) of which repository
 * and branch, its status word as CNB sends it, when it was created, whether it offers SSH, and for a closed one
 * what the backup kept of unpushed work.
 */
public record CnbWorkspaceItem(String sn, String pipelineId, String slug, String branch, String status,
        Instant createTime, long durationMs, boolean ssh, String workspace, String repoUrl, int commitCount,
        int fileCount, int remoteStashCount, String fileList, String latestSha, String restoreId) {

    public static final String RUNNING = "running";
    public static final String CLOSED = "closed";

    static CnbWorkspaceItem from(JsonNode node) {
        return new CnbWorkspaceItem(text(node, "sn"), text(node, "pipeline_id"), text(node, "slug"),
                text(node, "branch"), text(node, "status"), time(text(node, "create_time")),
                node.path("duration").asLong(0), node.path("ssh").asBoolean(false), text(node, "workspace"),
                text(node, "repo_url"), node.path("commit_count").asInt(0), node.path("file_count").asInt(0),
                node.path("remote_stash_count").asInt(0), text(node, "file_list"), text(node, "latest_sha"),
                text(node, "restore_id"));
    }

    public boolean running() {
        return RUNNING.equals(status);
    }

    public boolean closed() {
        return CLOSED.equals(status);
    }

    /** Whether the backup holds anything the user may lose (commits, files or stashes not pushed). */
    public boolean backupHoldsWork() {
        return commitCount > 0 || fileCount > 0 || remoteStashCount > 0;
    }

    /** The backup was already restored into a later workspace. */
    public boolean restored() {
        return restoreId != null && !restoreId.isBlank();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
