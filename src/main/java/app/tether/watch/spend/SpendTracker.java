package app.tether.watch.spend;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the observations of each target into ledger records. What an observation saw holds until the next one
 * (running at a price, or not running); an interval grows while consecutive observations agree and is cut where the
 * state or the price changes. When two observations are further apart than the gap bound, nothing vouches for the
 * time between them: if the target ran at either end, that time is written as UNKNOWN, never as running or not
 * running. A growing interval is written again only every so often (its start and its end always), so a kill loses
 * at most that much, which then shows as unknown. Not thread-safe: the caller serialises.
 */
final class SpendTracker {
    /** What one observation says about billing. */
    enum Seen {
        /** Running and billed (at the observation's price; null price: billed at a price nobody told us). */
        RUN,
        /** Not billed (stopped, paused, building, free hardware). */
        OFF,
        /** The state could not be read: not an observation. */
        NONE
    }

    private record Segment(LedgerRecord.Kind kind, BigDecimal price, Instant from, Instant seenTo, Instant writtenTo) {
        boolean same(LedgerRecord.Kind otherKind, BigDecimal otherPrice) {
            if (kind != otherKind) {
                return false;
            }
            return price == null ? otherPrice == null : otherPrice != null && price.compareTo(otherPrice) == 0;
        }

        LedgerRecord record(String target, Instant to) {
            return new LedgerRecord(kind, target, from, to, price);
        }
    }

    private final Duration runFlush;
    private final Duration offFlush;
    private final Map<String, Segment> segments = new HashMap<>();

    /** Running intervals are written every {@code runFlush}, the quieter not-running ones every {@code offFlush}. */
    SpendTracker(Duration runFlush, Duration offFlush) {
        this.runFlush = Objects.requireNonNull(runFlush);
        this.offFlush = Objects.requireNonNull(offFlush);
    }

    /**
     * The records to append for an observation of {@code target} at {@code at}. {@code startedAt}: when the run
     * seen now began by the provider's own record (null when it keeps none); it moves the start of a new run back
     * from {@code at}, and is ignored when it is older than the last observation (stale, or a run that went on). {@code resume} gives the ledger's last record of the
     * target, asked once per target (where another process, or this one before a restart, left it).
     */
    List<LedgerRecord> observe(String target, Seen seen, BigDecimal price, Instant at, Instant startedAt,
            Duration gapBound, Supplier<Optional<LedgerRecord>> resume) {
        if (seen == Seen.NONE) {
            return List.of(); // the gap grows until a real observation comes
        }
        LedgerRecord.Kind kind = seen == Seen.RUN ? LedgerRecord.Kind.RUN : LedgerRecord.Kind.OFF;
        BigDecimal usd = seen == Seen.RUN ? price : null;
        Segment current = segments.computeIfAbsent(target, name -> resume.get()
                .filter(last -> last.kind() != LedgerRecord.Kind.UNKNOWN)
                .map(last -> new Segment(last.kind(), last.usdPerHour(), last.from(), last.to(), last.to()))
                .orElse(null));
        // Where a new run began: the provider's record when it has one after the last observation, else now.
        boolean dated = kind == LedgerRecord.Kind.RUN && startedAt != null && startedAt.isBefore(at)
                && (current == null || !startedAt.isBefore(current.seenTo()));
        Instant start = dated ? startedAt : at;
        List<LedgerRecord> out = new ArrayList<>();
        if (current == null) {
            return begin(target, kind, usd, start, at, out); // the first observation: nothing known before it
        }
        if (at.isBefore(current.seenTo())) {
            return List.of(); // older than what is known already (a late answer)
        }
        if (Duration.between(current.seenTo(), at).compareTo(gapBound) > 0) {
            if (current.writtenTo().isBefore(current.seenTo())) {
                out.add(current.record(target, current.seenTo()));
            }
            boolean ranBefore = current.kind() == LedgerRecord.Kind.RUN;
            if (ranBefore || kind == LedgerRecord.Kind.RUN && start.equals(at)) {
                // Nothing says what happened in between; a provider's start after it ended that uncertainty.
                out.add(LedgerRecord.unknown(target, current.seenTo(), ranBefore ? start : at));
            }
            return begin(target, kind, usd, start, at, out);
        }
        if (current.same(kind, usd)) {
            Duration every = kind == LedgerRecord.Kind.RUN ? runFlush : offFlush;
            boolean due = Duration.between(current.writtenTo(), at).compareTo(every) >= 0;
            if (due) {
                out.add(current.record(target, at));
            }
            segments.put(target, new Segment(kind, usd, current.from(), at, due ? at : current.writtenTo()));
            return out;
        }
        // The state or the price changed: what was seen before held until now (or until the provider's start).
        Instant change = current.kind() == LedgerRecord.Kind.OFF ? start : at;
        out.add(current.record(target, change));
        return begin(target, kind, usd, change, at, out);
    }

    private List<LedgerRecord> begin(String target, LedgerRecord.Kind kind, BigDecimal usd, Instant from, Instant at,
            List<LedgerRecord> out) {
        Segment started = new Segment(kind, usd, from, at, at);
        segments.put(target, started);
        out.add(started.record(target, at));
        return out;
    }

    /** The growing intervals' ends not written yet (on a clean shutdown, so nothing observed is lost). */
    List<LedgerRecord> flush() {
        List<LedgerRecord> out = new ArrayList<>();
        segments.replaceAll((target, segment) -> {
            if (segment != null && segment.writtenTo().isBefore(segment.seenTo())) {
                out.add(segment.record(target, segment.seenTo()));
                return new Segment(segment.kind(), segment.price(), segment.from(), segment.seenTo(),
                        segment.seenTo());
            }
            return segment;
        });
        return out;
    }
}
