package app.tether.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A Tencent CNB cloud workspace of a repository; the provider for it plugs in later. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CnbWorkspace(String name, String repo, String branch, String pipelineId, List<String> tags,
        String notes, HourlyPrice price) implements Target {
    public CnbWorkspace {
        tags = tags == null ? List.of() : List.copyOf(tags);
        notes = notes == null ? "" : notes;
    }

    @JsonIgnore
    @Override
    public TargetKind kind() {
        return TargetKind.CNB;
    }

    @Override
    public CnbWorkspace withName(String newName) {
        return new CnbWorkspace(newName, repo, branch, pipelineId, tags, notes, price);
    }
}
