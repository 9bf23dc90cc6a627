package app.tether.providers.cnb;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * When CNB will recycle a running workspace at the latest: its runner's lifetime limit (4 h on GPU nodes) or, for
 * one used longer than the overnight threshold, the start of the overnight window, whichever comes first.
 */
public record CnbTimeLeft(Instant deadline, Reason reason) {
    /** Why the workspace ends then. */
    public enum Reason {
        LIMIT, OVERNIGHT
    }

    public static CnbTimeLeft of(Instant created, CnbRunners.Runner runner, CnbRunners.Overnight overnight) {
        Instant limit = created.plus(runner.maxLifetime());
        Instant night = overnightCut(created, overnight);
        return night.isBefore(limit) ? new CnbTimeLeft(night, Reason.OVERNIGHT) : new CnbTimeLeft(limit, Reason.LIMIT);
    }

    /** The first moment after the threshold that falls in the window. */
    static Instant overnightCut(Instant created, CnbRunners.Overnight overnight) {
        ZonedDateTime threshold = created.plus(overnight.after()).atZone(overnight.zone());
        ZonedDateTime windowStart = threshold.toLocalDate().atTime(overnight.from()).atZone(overnight.zone());
        ZonedDateTime windowEnd = threshold.toLocalDate().atTime(overnight.to()).atZone(overnight.zone());
        if (!threshold.isBefore(windowStart) && threshold.isBefore(windowEnd)) {
            return threshold.toInstant();
        }
        return (threshold.isBefore(windowStart) ? windowStart : windowStart.plusDays(1)).toInstant();
    }

    /** The deadline as the user reads it: local date and time to the minute. */
    public String deadlineText() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(deadline.atZone(java.time.ZoneId.systemDefault()));
    }

    public Duration left(Instant now) {
        Duration left = Duration.between(now, deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
