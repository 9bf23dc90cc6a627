package app.tether.providers;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.time.Duration;

/** A cloud API answered 429: try again after {@link #retryAfter()} (from its Retry-After header, or a guess). */
public final class RateLimitedException extends TetherException {
    private final transient Duration retryAfter;

    public RateLimitedException(Duration retryAfter, String messageKey, Object... args) {
        super(ErrorCode.CANNOT_CONNECT, messageKey, args);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
