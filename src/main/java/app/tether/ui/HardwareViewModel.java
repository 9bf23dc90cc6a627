package app.tether.ui;

import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Hardware… dialog of a Space: the flavors with specs and prices, the one chosen (the current one at
 * first) and, for hardware that can sleep, the sleep time. OK is enabled once something would change.
 */
public final class HardwareViewModel {
    private final String space;
    private final String current;
    private final Integer currentSleep;
    private final ObservableList<SpaceFlavor> flavors;
    private final ObjectProperty<SpaceFlavor> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> sleep = new SimpleObjectProperty<>();
    private final BooleanBinding sleepApplies;
    private final BooleanBinding valid;

    /**
     * @param current      the flavor the Space asks for now (null when unknown)
     * @param currentSleep its sleep time in seconds, null when it never sleeps
     */
    public HardwareViewModel(String space, List<SpaceFlavor> flavors, String current, Integer currentSleep) {
        this.space = space;
        this.current = current;
        this.currentSleep = currentSleep == null ? SleepTimes.NEVER : currentSleep;
        this.flavors = FXCollections.observableArrayList(flavors);
        flavors.stream().filter(f -> f.id().equals(current)).findFirst().ifPresent(selected::set);
        sleep.set(this.currentSleep);
        sleepApplies = Bindings.createBooleanBinding(() -> selected.get() != null && !selected.get().free(), selected);
        valid = Bindings.createBooleanBinding(() -> selected.get() != null
                && (!selected.get().id().equals(current) || sleepChanged()), selected, sleep);
    }

    private boolean sleepChanged() {
        return sleepApplies.get() && !Objects.equals(sleep.get(), currentSleep);
    }

    public String space() {
        return space;
    }

    /** The flavor the Space asks for now; null when unknown. */
    public String current() {
        return current;
    }

    public ObservableList<SpaceFlavor> flavors() {
        return flavors;
    }

    public ObjectProperty<SpaceFlavor> selectedProperty() {
        return selected;
    }

    /** Seconds, -1 for never. */
    public ObjectProperty<Integer> sleepProperty() {
        return sleep;
    }

    public List<Integer> sleepChoices() {
        return SleepTimes.choices(currentSleep);
    }

    /** False on cpu-basic, which cannot sleep on a timer (the API refuses a sleep time there). */
    public BooleanBinding sleepAppliesProperty() {
        return sleepApplies;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public String flavorId() {
        return selected.get().id();
    }

    /** The sleep time to send with the hardware: null to leave it as it is (or where it does not apply). */
    public Integer sleepSeconds() {
        return sleepChanged() ? sleep.get() : null;
    }
}
