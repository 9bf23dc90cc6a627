package app.tether.watch.spend;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the spend ledger: an interval of one target that Tether observed running at a price (RUN; the price
 * per hour in USD, null when the provider does not know it), observed not running (OFF), or could not observe while
 * it may have been running (UNKNOWN). A running interval is written again with a later {@code to} as it grows; the
 * reader takes the union, so a repeated or overlapping line (two Tether processes watching) never counts twice.
 */
public record LedgerRecord(Kind kind, String target, Instant from, Instant to, BigDecimal usdPerHour) {

    /** What the interval was. */
    public enum Kind {
        RUN, OFF, UNKNOWN
    }

    public LedgerRecord {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(target);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("interval ends before it starts: " + from + " > " + to);
        }
        if (kind != Kind.RUN) {
            usdPerHour = null;
        }
    }

    public static LedgerRecord run(String target, Instant from, Instant to, BigDecimal usdPerHour) {
        return new LedgerRecord(Kind.RUN, target, from, to, usdPerHour);
    }

    public static LedgerRecord off(String target, Instant from, Instant to) {
        return new LedgerRecord(Kind.OFF, target, from, to, null);
    }

    public static LedgerRecord unknown(String target, Instant from, Instant to) {
        return new LedgerRecord(Kind.UNKNOWN, target, from, to, null);
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
