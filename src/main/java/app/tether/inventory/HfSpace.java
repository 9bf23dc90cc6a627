package app.tether.inventory;

import java.util.List;

/** A Hugging Face Space ({@code owner/name}); the provider for it plugs in later. */
public record HfSpace(String name, String spaceId, String hardware, List<String> tags, String notes,
        HourlyPrice price) implements Target {
    public HfSpace {
        tags = tags == null ? List.of() : List.copyOf(tags);
        notes = notes == null ? "" : notes;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.HF_SPACE;
    }

    @Override
    public HfSpace withName(String newName) {
        return new HfSpace(newName, spaceId, hardware, tags, notes, price);
    }
}
