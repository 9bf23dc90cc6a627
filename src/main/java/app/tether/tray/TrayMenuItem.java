package app.tether.tray;

/** One entry of the tray menu, independent of how the tray is drawn. */
public sealed interface TrayMenuItem {
    /** A clickable entry; its label is a message key (with arguments) so it follows the language. */
    record Action(String labelKey, Object[] args, Runnable action) implements TrayMenuItem {
        public Action(String labelKey, Runnable action) {
            this(labelKey, new Object[0], action);
        }
    }

    /** A line between groups. */
    record Separator() implements TrayMenuItem {
    }
}
