package app.tether.watch;

/**
 * One target's idle auto-pause settings: whether Tether pauses it when idle, the GPU utilisation (percent) below
 * which a GPU counts as idle, and how many minutes of continuous idleness start the countdown.
 */
public record IdleSettings(boolean enabled, int thresholdPercent, int minutes) {
    public static final int DEFAULT_THRESHOLD = 5;
    public static final int DEFAULT_MINUTES = 30;

    public IdleSettings {
        if (thresholdPercent < 0 || thresholdPercent > 100) {
            throw new IllegalArgumentException("threshold out of 0..100: " + thresholdPercent);
        }
        if (minutes < 1) {
            throw new IllegalArgumentException("minutes below 1: " + minutes);
        }
    }

    /** The defaults, on or off. */
    public static IdleSettings defaults(boolean enabled) {
        return new IdleSettings(enabled, DEFAULT_THRESHOLD, DEFAULT_MINUTES);
    }

    public IdleSettings withEnabled(boolean on) {
        return new IdleSettings(on, thresholdPercent, minutes);
    }

    public IdleSettings withThreshold(int percent) {
        return new IdleSettings(enabled, percent, minutes);
    }

    public IdleSettings withMinutes(int count) {
        return new IdleSettings(enabled, thresholdPercent, count);
    }
}
