package app.tether.tray;

import java.util.List;
import java.util.Optional;

/** What the tray shows at one moment: the icon state, the tooltip and the menu; immutable, so any thread may read it. */
public record TrayMenu(TrayState state, String tooltip, List<TrayMenuItem> items) {
    public TrayMenu {
        items = List.copyOf(items);
    }

    /** The entry with {@code key}, searched through submenus too. */
    public Optional<TrayMenuItem> find(String key) {
        return find(items, key);
    }

    private static Optional<TrayMenuItem> find(List<TrayMenuItem> items, String key) {
        for (TrayMenuItem item : items) {
            if (item.key().equals(key)) {
                return Optional.of(item);
            }
            if (item instanceof TrayMenuItem.Submenu submenu) {
                Optional<TrayMenuItem> inner = find(submenu.items(), key);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }
}
