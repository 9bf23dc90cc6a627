package app.tether.ui;

/**
 * What the window asks of the live features (status, SSH, Jupyter, tunnels). The window works without them
 * ({@link #NONE}), as in tests of the list alone; the desktop app plugs in the real ones.
 */
public interface TargetActions {
    TargetActions NONE = new TargetActions() {
    };

    /** F5: probe every server again now. */
    default void refreshAll() {
    }

    /** Connect on purpose to {@code item}, so SSH may ask (new host key, passphrase), then probe it again. */
    default void verify(TargetItem item) {
    }

    /** A new refresh interval from Settings. */
    default void refreshIntervalChanged(int seconds) {
    }
}
