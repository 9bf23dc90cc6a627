package app.tether.watch;

/**
 * Somewhere notices are shown: the desktop's notification server, the AWT tray balloon, the window's own list.
 * Calls come in order from one background thread; a notifier must not throw for a failed delivery (it logs).
 */
public interface Notifier extends AutoCloseable {
    /** Shows {@code notice}, replacing what is shown under the same key. */
    void show(Notice notice);

    /** Closes what is shown under {@code key}, if anything. */
    void withdraw(String key);

    @Override
    default void close() {
    }
}
