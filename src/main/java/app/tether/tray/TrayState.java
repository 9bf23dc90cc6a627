package app.tether.tray;

import java.util.Locale;

/** What the tray icon says at a glance: nothing running, something connected, or something needs the user. */
public enum TrayState {
    IDLE, ACTIVE, ATTENTION;

    /** The icon resource for this state. */
    public String iconResource() {
        return "/app/tether/icons/tray-" + name().toLowerCase(Locale.ROOT) + ".png";
    }

    /**
     * The macOS menu-bar icon for this state: a template image (black and transparent only) that macOS tints for
     * light and dark menu bars, so the state is told by shape (no dot, a dot, a dot with "!") instead of colour.
     */
    public String templateResource() {
        return "/app/tether/icons/tray-" + name().toLowerCase(Locale.ROOT) + "-template.png";
    }
}
