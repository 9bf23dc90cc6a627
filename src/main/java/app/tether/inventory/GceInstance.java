package app.tether.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A Google Compute Engine VM (project/zone/instance); the provider for it plugs in later. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GceInstance(String name, String project, String zone, String instance, List<String> tags,
        String notes, HourlyPrice price) implements Target {
    public GceInstance {
        tags = tags == null ? List.of() : List.copyOf(tags);
        notes = notes == null ? "" : notes;
    }

    @JsonIgnore
    @Override
    public TargetKind kind() {
        return TargetKind.GCE;
    }

    @Override
    public GceInstance withName(String newName) {
        return new GceInstance(newName, project, zone, instance, tags, notes, price);
    }
}
