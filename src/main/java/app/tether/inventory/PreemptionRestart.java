package app.tether.inventory;

import java.util.Locale;

/** What Tether does when a watched Spot VM is preempted: nothing (the default), ask, or start it again itself. */
public enum PreemptionRestart {
    OFF, ASK, AUTOMATIC;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "off", "ask" or "automatic" (any case); IllegalArgumentException otherwise. */
    public static PreemptionRestart parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
