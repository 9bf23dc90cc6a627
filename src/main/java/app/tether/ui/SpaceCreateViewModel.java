package app.tether.ui;

import app.tether.inventory.Inventory;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The first page of the new-Space wizard: the Space id, its name in the list, hardware, private or public,
 * and the sleep time (not on cpu-basic). The second page is the build's progress and streamed log.
 */
public final class SpaceCreateViewModel {
    /** What the wizard asks Hugging Face to create. */
    public record Request(String spaceId, String name, String flavor, boolean privateSpace, Integer sleepSeconds) {
    }

    private final StringProperty spaceId = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final ObservableList<SpaceFlavor> flavors;
    private final ObjectProperty<SpaceFlavor> flavor = new SimpleObjectProperty<>();
    private final BooleanProperty privateSpace = new SimpleBooleanProperty(true);
    private final ObjectProperty<Integer> sleep = new SimpleObjectProperty<>(3600);
    private final StringBinding spaceError;
    private final StringBinding nameError;
    private final BooleanBinding sleepApplies;
    private final BooleanBinding valid;

    public SpaceCreateViewModel(Inventory inventory, List<SpaceFlavor> flavors) {
        this.flavors = FXCollections.observableArrayList(flavors);
        flavors.stream().filter(SpaceFlavor::free).findFirst().or(() -> flavors.stream().findFirst())
                .ifPresent(flavor::set);
        spaceError = Bindings.createStringBinding(() -> SpaceEditorViewModel.checkSpace(spaceId.get()), spaceId);
        nameError = Bindings.createStringBinding(() -> {
            String chosen = listName();
            return inventory.contains(chosen) ? "validation.name.duplicate" : null;
        }, name, spaceId);
        sleepApplies = Bindings.createBooleanBinding(() -> flavor.get() != null && !flavor.get().free(), flavor);
        valid = Bindings.createBooleanBinding(() -> spaceError.get() == null && nameError.get() == null
                && flavor.get() != null, spaceError, nameError, flavor);
    }

    /** The name in Tether's list: the one typed, else the Space's own name. */
    String listName() {
        String typed = name.get().strip();
        if (!typed.isEmpty()) {
            return typed;
        }
        String id = spaceId.get().strip();
        return id.substring(id.indexOf('/') + 1);
    }

    public Request toRequest() {
        return new Request(spaceId.get().strip(), listName(), flavor.get().id(), privateSpace.get(),
                sleepApplies.get() ? sleep.get() : null);
    }

    public StringProperty spaceIdProperty() {
        return spaceId;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObservableList<SpaceFlavor> flavors() {
        return flavors;
    }

    public ObjectProperty<SpaceFlavor> flavorProperty() {
        return flavor;
    }

    public BooleanProperty privateProperty() {
        return privateSpace;
    }

    /** Seconds, -1 for never. */
    public ObjectProperty<Integer> sleepProperty() {
        return sleep;
    }

    public List<Integer> sleepChoices() {
        return SleepTimes.choices(null);
    }

    public StringBinding spaceErrorProperty() {
        return spaceError;
    }

    public StringBinding nameErrorProperty() {
        return nameError;
    }

    public BooleanBinding sleepAppliesProperty() {
        return sleepApplies;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
