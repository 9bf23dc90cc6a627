package app.tether.providers;

import app.tether.inventory.TargetState;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a provider observed of one target: the state Tether acts on, the provider's own stage word for
 * display ("APP_STARTING", "SUSPENDED", …; null when the kind has none), the hardware in the provider's
 * words, the price per hour in USD (null when unknown), a message (an error or why the state is what it is)
 * and when it was observed.
 */
public record LiveState(TargetState state, String stage, String hardware, BigDecimal pricePerHour,
        String message, Instant observedAt) {

    public LiveState {
        state = state == null ? TargetState.UNKNOWN : state;
        observedAt = observedAt == null ? Instant.now() : observedAt;
    }

    public static LiveState unknown() {
        return new LiveState(TargetState.UNKNOWN, null, null, null, null, Instant.now());
    }

    public static LiveState of(TargetState state) {
        return new LiveState(state, null, null, null, null, Instant.now());
    }

    public LiveState withState(TargetState newState) {
        return new LiveState(newState, stage, hardware, pricePerHour, message, observedAt);
    }
}
