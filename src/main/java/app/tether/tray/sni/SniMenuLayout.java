package app.tether.tray.sni;

import app.tether.tray.TrayMenu;
import app.tether.tray.TrayMenuItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.freedesktop.dbus.types.Variant;

/**
 * One published {@link TrayMenu} as dbusmenu sees it: every entry under an int id (id 0 is the root), its
 * properties and its children. Immutable: the FX thread builds it, D-Bus threads read it.
 */
final class SniMenuLayout {
    static final int ROOT = 0;
    private static final String NODE_SIGNATURE = "(ia{sv}av)";

    private final int revision;
    private final Map<Integer, TrayMenuItem> items;
    private final Map<Integer, List<Integer>> children;

    private SniMenuLayout(int revision, Map<Integer, TrayMenuItem> items, Map<Integer, List<Integer>> children) {
        this.revision = revision;
        this.items = items;
        this.children = children;
    }

    /** Lays out {@code menu}; {@code ids} gives each entry key its id (stable across revisions). */
    static SniMenuLayout of(int revision, TrayMenu menu, ToIntFunction<String> ids) {
        Map<Integer, TrayMenuItem> items = new HashMap<>();
        Map<Integer, List<Integer>> children = new HashMap<>();
        add(ROOT, menu.items(), ids, items, children);
        return new SniMenuLayout(revision, Map.copyOf(items), Map.copyOf(children));
    }

    static SniMenuLayout empty() {
        return new SniMenuLayout(0, Map.of(), Map.of(ROOT, List.of()));
    }

    private static void add(int parent, List<TrayMenuItem> entries, ToIntFunction<String> ids,
            Map<Integer, TrayMenuItem> items, Map<Integer, List<Integer>> children) {
        List<Integer> kids = new ArrayList<>();
        for (TrayMenuItem entry : entries) {
            int id = ids.applyAsInt(entry.key());
            items.put(id, entry);
            kids.add(id);
            if (entry instanceof TrayMenuItem.Submenu submenu) {
                add(id, submenu.items(), ids, items, children);
            }
        }
        children.put(parent, List.copyOf(kids));
    }

    int revision() {
        return revision;
    }

    boolean has(int id) {
        return id == ROOT || items.containsKey(id);
    }

    Optional<TrayMenuItem> item(int id) {
        return Optional.ofNullable(items.get(id));
    }

    List<Integer> ids() {
        List<Integer> all = new ArrayList<>(items.keySet());
        all.add(ROOT);
        return all;
    }

    /** The node {@code id} with {@code depth} levels of children (-1: all). */
    DbusMenu.MenuNode node(int id, int depth, List<String> wanted) {
        List<Variant<?>> kids = new ArrayList<>();
        if (depth != 0) {
            for (int child : children.getOrDefault(id, List.of())) {
                kids.add(new Variant<>(node(child, depth < 0 ? -1 : depth - 1, wanted), NODE_SIGNATURE));
            }
        }
        return new DbusMenu.MenuNode(id, properties(id, wanted), kids);
    }

    /** The dbusmenu properties of {@code id}, only those in {@code wanted} unless it is empty. */
    Map<String, Variant<?>> properties(int id, List<String> wanted) {
        Map<String, Variant<?>> all = new LinkedHashMap<>();
        TrayMenuItem item = items.get(id);
        if (item == null || item instanceof TrayMenuItem.Submenu) {
            all.put("children-display", new Variant<>("submenu"));
        }
        if (item instanceof TrayMenuItem.Action action) {
            all.put("label", new Variant<>(label(action.label())));
            all.put("enabled", new Variant<>(action.enabled()));
        } else if (item instanceof TrayMenuItem.Info info) {
            all.put("label", new Variant<>(label(info.label())));
            all.put("enabled", new Variant<>(false));
        } else if (item instanceof TrayMenuItem.Submenu submenu) {
            all.put("label", new Variant<>(label(submenu.label())));
        } else if (item instanceof TrayMenuItem.Separator) {
            all.put("type", new Variant<>("separator"));
        }
        if (item != null) {
            all.put("visible", new Variant<>(true));
        }
        if (!wanted.isEmpty()) {
            all.keySet().retainAll(wanted);
        }
        return all;
    }

    /** dbusmenu labels treat "_" as the mnemonic marker: a target named "gpu_1" must show its underscore. */
    static String label(String text) {
        return text.replace("_", "__");
    }
}
