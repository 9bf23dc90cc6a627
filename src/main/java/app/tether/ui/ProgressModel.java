package app.tether.ui;

import app.tether.core.Messages;
import app.tether.core.Progress;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A long flow's progress as the window shows it: a bar, the current step and the streamed log. Flows call the
 * {@link Progress} methods from any thread; the properties change on the FX executor.
 */
public final class ProgressModel implements Progress {
    /** ProgressBar's "indeterminate" value (kept here so the model needs no control class). */
    static final double INDETERMINATE = -1;
    /** The log keeps the newest lines only, so a chatty pip install cannot eat the memory. */
    static final int MAX_LOG_LINES = 2000;

    private final Executor fx;
    private final DoubleProperty progress = new SimpleDoubleProperty(INDETERMINATE);
    private final StringProperty step = new SimpleStringProperty("");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final BooleanProperty done = new SimpleBooleanProperty(false);
    private final BooleanProperty failed = new SimpleBooleanProperty(false);
    private final StringProperty result = new SimpleStringProperty("");
    /** Text the user may want to copy when the flow could not hand it over itself (a notebook URL); null for none. */
    private final StringProperty offered = new SimpleStringProperty();

    public ProgressModel(Executor fx) {
        this.fx = fx;
    }

    @Override
    public void step(int index, int total, String text) {
        fx.execute(() -> {
            progress.set(total <= 0 ? INDETERMINATE : (double) index / total);
            step.set(text);
            append("\u25b8 " + text);
        });
    }

    @Override
    public void line(String text) {
        fx.execute(() -> append(text));
    }

    /**
     * The flow ended: {@code message} says how; a failure keeps the bar where it stopped. The step line (the
     * view's heading) says Done or Failed, never still "Waiting for Jupyter…".
     */
    public void finish(boolean success, String message) {
        fx.execute(() -> {
            step.set(Messages.get(success ? "ui.progress.done" : "ui.progress.failed"));
            if (success) {
                progress.set(1.0);
            } else if (progress.get() < 0) {
                progress.set(0);
            }
            failed.set(!success);
            result.set(message);
            append(message);
            done.set(true);
        });
    }

    /** Offers {@code text} for copying (shown with a Copy button), e.g. a URL no browser could open. */
    public void offer(String text) {
        fx.execute(() -> offered.set(text));
    }

    private void append(String line) {
        log.add(line);
        if (log.size() > MAX_LOG_LINES) {
            log.remove(0, log.size() - MAX_LOG_LINES);
        }
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty stepProperty() {
        return step;
    }

    public ObservableList<String> log() {
        return log;
    }

    public BooleanProperty doneProperty() {
        return done;
    }

    public BooleanProperty failedProperty() {
        return failed;
    }

    public StringProperty offeredProperty() {
        return offered;
    }

    public StringProperty resultProperty() {
        return result;
    }
}
