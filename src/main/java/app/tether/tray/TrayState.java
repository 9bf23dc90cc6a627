package app.tether.tray;

import java.util.Locale;

/** What the tray icon says at a glance: nothing running, something connected, or something needs the user. */
public enum TrayState {
    IDLE, ACTIVE, ATTENTION;

    /** The icon resource for this state. */
    public String iconResource() {
        return "/app/tether/icons/tray-" + name().toLowerCase(Locale.ROOT) + ".png";
    }
}
