package app.tether.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A Tencent CNB cloud workspace of a repository's branch (its current pipeline changes with each start, so it is
 * looked up, not kept); {@code runner} is the node tag when known (it decides the time limit), null when not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CnbWorkspace(String name, String repo, String branch, String pipelineId, List<String> tags,
        String notes, HourlyPrice price, String runner) implements Target {
    @com.fasterxml.jackson.annotation.JsonCreator
    public CnbWorkspace {
        tags = tags == null ? List.of() : List.copyOf(tags);
        notes = notes == null ? "" : notes;
        branch = branch == null || branch.isBlank() ? "main" : branch;
    }

    public CnbWorkspace(String name, String repo, String branch, String pipelineId, List<String> tags, String notes,
            HourlyPrice price) {
        this(name, repo, branch, pipelineId, tags, notes, price, null);
    }

    @JsonIgnore
    @Override
    public TargetKind kind() {
        return TargetKind.CNB;
    }

    @Override
    public CnbWorkspace withName(String newName) {
        return new CnbWorkspace(newName, repo, branch, pipelineId, tags, notes, price, runner);
    }
}
