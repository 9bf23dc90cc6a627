package app.tether.inventory;

import java.util.List;

/**
 * A Tencent CNB cloud workspace of a repository's branch (its current pipeline changes with each start, so it is
 * looked up, not kept); {@code runner} is the node tag when known (it decides the time limit), null when not.
 */
public record CnbWorkspace(String name, String repo, String branch, String pipelineId, List<String> tags,
        String notes, HourlyPrice price, String runner) implements Target {
    public CnbWorkspace {
        tags = tags == null ? List.of() : List.copyOf(tags);
        notes = notes == null ? "" : notes;
        branch = branch == null || branch.isBlank() ? "main" : branch;
    }

    public CnbWorkspace(String name, String repo, String branch, String pipelineId, List<String> tags, String notes,
            HourlyPrice price) {
        this(name, repo, branch, pipelineId, tags, notes, price, null);
    }

    @Override
    public TargetKind kind() {
        return TargetKind.CNB;
    }

    @Override
    public CnbWorkspace withName(String newName) {
        return new CnbWorkspace(newName, repo, branch, pipelineId, tags, notes, price, runner);
    }
}
