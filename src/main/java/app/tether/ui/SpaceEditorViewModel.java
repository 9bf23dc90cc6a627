package app.tether.ui;

import app.tether.inventory.HfSpace;
import app.tether.inventory.Inventory;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Add/Edit form of a Hugging Face Space: a name for the list and the Space's {@code OWNER/SPACE} id, with
 * tags and notes; an error message key per field, checked on each change.
 */
public final class SpaceEditorViewModel {
    /** The Hub's repo id rule: owner and name of letters, digits, '-', '_', '.', at most 96 each, no "--" or "..". */
    private static final Pattern SPACE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

    private final Inventory inventory;
    private final HfSpace editing;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty spaceId = new SimpleStringProperty("");
    private final StringProperty tags = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringBinding nameError;
    private final StringBinding spaceError;
    private final BooleanBinding valid;

    /** @param editing the Space being edited, or null when adding one */
    public SpaceEditorViewModel(Inventory inventory, HfSpace editing) {
        this.inventory = inventory;
        this.editing = editing;
        if (editing != null) {
            name.set(editing.name());
            spaceId.set(editing.spaceId());
            tags.set(String.join(", ", editing.tags()));
            notes.set(editing.notes());
        }
        nameError = Bindings.createStringBinding(this::checkName, name);
        spaceError = Bindings.createStringBinding(() -> checkSpace(spaceId.get()), spaceId);
        valid = Bindings.createBooleanBinding(() -> nameError.get() == null && spaceError.get() == null, nameError,
                spaceError);
    }

    private String checkName() {
        String text = name.get().strip();
        if (text.isEmpty()) {
            return "validation.name.empty";
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            return "validation.name.control";
        }
        boolean renamedOrNew = editing == null
                || !Inventory.normalizeName(editing.name()).equals(Inventory.normalizeName(text));
        return renamedOrNew && inventory.contains(text) ? "validation.name.duplicate" : null;
    }

    /** Null when {@code text} is a valid {@code OWNER/SPACE}, else the message key saying what is wrong. */
    static String checkSpace(String text) {
        String id = text == null ? "" : text.strip();
        if (id.isEmpty()) {
            return "ui.hf.editor.space.empty";
        }
        if (!SPACE_ID.matcher(id).matches() || id.contains("--") || id.contains("..") || id.endsWith(".")
                || id.endsWith("-") || id.contains("-/") || id.contains("./")) {
            return "ui.hf.editor.space.invalid";
        }
        return null;
    }

    /** The Space the form describes (the hardware and price come from the provider, not the form). */
    public HfSpace toSpace() {
        List<String> tagList = Arrays.stream(tags.get().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        return new HfSpace(name.get().strip(), spaceId.get().strip(), editing == null ? null : editing.hardware(), tagList,
                notes.get().strip(), editing == null ? null : editing.price());
    }

    /** The Space being edited; null when adding. */
    public HfSpace editing() {
        return editing;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty spaceIdProperty() {
        return spaceId;
    }

    public StringProperty tagsProperty() {
        return tags;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    /** Message key of what is wrong with the name; null when it is fine. */
    public StringBinding nameErrorProperty() {
        return nameError;
    }

    public StringBinding spaceErrorProperty() {
        return spaceError;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
