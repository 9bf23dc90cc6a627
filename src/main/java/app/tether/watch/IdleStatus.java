package app.tether.watch;

import java.time.Instant;
import java.util.List;

/**
 * Where the idle rule stands on one target, for the window and {@code tether idle}: the settings in force, the
 * latest reading of each signal (empty until one was taken, or while the target does not run), since when it has
 * been idle (null when not) and when Tether pauses it (null unless the countdown runs).
 */
public record IdleStatus(IdleSettings settings, List<IdleSignal> signals, Instant idleSince, Instant pauseAt) {
    public IdleStatus {
        signals = List.copyOf(signals);
    }

    /** Idle by the rule: no signal busy and at least one reported (an unreported one does not hold it back). */
    public static boolean idle(List<IdleSignal> signals) {
        boolean anyKnown = false;
        for (IdleSignal signal : signals) {
            if (signal.reading() == IdleSignal.Reading.BUSY) {
                return false;
            }
            anyKnown |= signal.reading() == IdleSignal.Reading.IDLE;
        }
        return anyKnown;
    }
}
