package app.tether.watch;

/**
 * What a user can answer to a {@link WatchEvent} from a notification button, the tray or the window; the
 * watchers and the app implement it, the notifiers call it (on a background thread, never blocking).
 */
public interface EventResponses {
    /** Call off a pending idle pause of {@code target} (the "Keep running" button). */
    void keepRunning(String target);

    /** Pause (or stop, where the kind cannot pause) {@code target} now (the "Pause now" button). */
    void pauseNow(String target);

    /** Start {@code target} again (after a preemption or recycling). */
    void restart(String target);

    /** Show {@code target}: its notebook when one is open, else the window on it. */
    void open(String target);
}
