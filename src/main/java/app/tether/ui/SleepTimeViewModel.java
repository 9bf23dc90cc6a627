package app.tether.ui;

import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The Sleep time dialog of a Space: the choices and the one picked; OK once it differs from now. */
public final class SleepTimeViewModel {
    private final String space;
    private final Integer current;
    private final ObjectProperty<Integer> seconds = new SimpleObjectProperty<>();
    private final BooleanBinding valid;

    /** @param current the Space's sleep time in seconds, null when it never sleeps */
    public SleepTimeViewModel(String space, Integer current) {
        this.space = space;
        this.current = current == null ? SleepTimes.NEVER : current;
        seconds.set(this.current);
        valid = Bindings.createBooleanBinding(() -> seconds.get() != null && !Objects.equals(seconds.get(), this.current),
                seconds);
    }

    public String space() {
        return space;
    }

    public List<Integer> choices() {
        return SleepTimes.choices(current);
    }

    /** Seconds, -1 for never. */
    public ObjectProperty<Integer> secondsProperty() {
        return seconds;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
