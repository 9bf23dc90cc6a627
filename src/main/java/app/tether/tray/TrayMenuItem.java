package app.tether.tray;

import java.util.List;

/**
 * One entry of the tray menu, independent of how the tray is drawn. Labels are already in the user's language;
 * {@code key} names the entry across rebuilds ("target/gpu1/pause") so a backend can keep its ids stable.
 */
public sealed interface TrayMenuItem {
    String key();

    /** A clickable entry; a disabled one is shown greyed out. */
    record Action(String key, String label, boolean enabled, Runnable action) implements TrayMenuItem {
    }

    /** A line of information (the total $/h), never clickable. */
    record Info(String key, String label) implements TrayMenuItem {
    }

    /** An entry that opens more entries (one per target). */
    record Submenu(String key, String label, List<TrayMenuItem> items) implements TrayMenuItem {
        public Submenu {
            items = List.copyOf(items);
        }
    }

    /** A line between groups. */
    record Separator(String key) implements TrayMenuItem {
    }
}
