package app.tether.tray;

import java.util.ArrayList;
import java.util.List;

/** Builds the tray menu: Show window, one quick action per target (when there are any), Quit. */
public final class TrayMenu {
    private TrayMenu() {
    }

    /**
     * @param quickActions per-target entries (e.g. "Open notebook on gpu1"); empty for none
     */
    public static List<TrayMenuItem> build(Runnable showWindow, List<TrayMenuItem.Action> quickActions, Runnable quit) {
        List<TrayMenuItem> items = new ArrayList<>();
        items.add(new TrayMenuItem.Action("ui.tray.show", showWindow));
        if (!quickActions.isEmpty()) {
            items.add(new TrayMenuItem.Separator());
            items.addAll(quickActions);
        }
        items.add(new TrayMenuItem.Separator());
        items.add(new TrayMenuItem.Action("ui.tray.quit", quit));
        return items;
    }
}
