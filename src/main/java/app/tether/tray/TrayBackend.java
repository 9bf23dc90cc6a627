package app.tether.tray;

/** A way of drawing the tray: Tether's own StatusNotifierItem over D-Bus, or FXTrayIcon (AWT). */
public interface TrayBackend extends AutoCloseable {
    /** Shows {@code menu} (icon, tooltip and entries); called on the JavaFX thread, never blocks. */
    void show(TrayMenu menu);

    /** Removes the icon. */
    @Override
    void close();
}
