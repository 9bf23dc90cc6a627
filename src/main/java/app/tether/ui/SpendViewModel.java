package app.tether.ui;

import app.tether.core.Environment;
import app.tether.watch.spend.SpendLedger;
import app.tether.watch.spend.SpendLimits;
import app.tether.watch.spend.SpendReport;
import app.tether.watch.spend.SpendReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The Spend view's state: this month's report and the limits, read from the ledger off the FX thread. */
public final class SpendViewModel {
    /** What one reading found. */
    public record Reading(SpendReport report, SpendLimits.All limits) {
    }

    private final SpendLedger ledger;
    private final SpendLimits limits;
    private final Clock clock;
    private final FxExecutors executors;
    private final ObjectProperty<Reading> reading = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();

    public SpendViewModel(Environment environment, Clock clock, FxExecutors executors) {
        this.ledger = SpendLedger.in(environment);
        this.limits = SpendLimits.in(environment);
        this.clock = clock;
        this.executors = executors;
    }

    /** Reads the ledger again (in the background); the result lands in {@link #readingProperty()}. */
    public void refresh() {
        executors.supply(this::read).whenComplete((result, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                error.set(String.valueOf(cause.getMessage()));
            } else {
                error.set(null);
                reading.set(result);
            }
        });
    }

    private Reading read() {
        Instant now = clock.instant();
        try {
            return new Reading(SpendReports.read(ledger, YearMonth.from(now.atZone(clock.getZone())), clock.getZone(),
                    now), limits.load());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectProperty<Reading> readingProperty() {
        return reading;
    }

    /** Why the ledger could not be read (null when it could). */
    public StringProperty errorProperty() {
        return error;
    }

    public Path ledgerDir() {
        return ledger.dir();
    }
}
