package app.tether.tray.sni;

import app.tether.core.BackgroundExecutors;
import app.tether.tray.TrayBackend;
import app.tether.tray.TrayMenu;
import app.tether.tray.TrayMenuItem;
import app.tether.tray.TrayState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux tray: Tether's own {@code org.kde.StatusNotifierItem} with a {@code com.canonical.dbusmenu} menu on
 * the session bus, registered with the panel's StatusNotifierWatcher (again whenever the watcher restarts).
 * D-Bus calls arrive on dbus-java's threads and only read the layout the FX thread last published; clicks are
 * handed to {@code ui} (the JavaFX thread). Pitfalls from tray-and-notifications.md §5 are handled here: typed
 * variants for single-property Gets, generic tuples for multi-out methods, both Event/EventGroup and
 * AboutToShow/AboutToShowGroup, the Menu and Id properties.
 */
public final class SniTray implements TrayBackend {
    static final String ITEM_PATH = "/StatusNotifierItem";
    static final String MENU_PATH = "/MenuBar";
    static final String ITEM_INTERFACE = "org.kde.StatusNotifierItem";
    static final String MENU_INTERFACE = "com.canonical.dbusmenu";
    private static final Logger LOG = LoggerFactory.getLogger(SniTray.class);

    private final DBusConnection connection;
    private final String busName;
    private final SniIcons icons;
    private final Executor ui;
    private final Runnable activate;
    private final ExecutorService signals = BackgroundExecutors.pool("tray-dbus");
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicInteger revision = new AtomicInteger();
    private volatile SniMenuLayout layout = SniMenuLayout.empty();
    private volatile TrayMenu shown = new TrayMenu(TrayState.IDLE, "Tether", List.of());
    private AutoCloseable ownerWatch;

    private SniTray(DBusConnection connection, SniIcons icons, Executor ui, Runnable activate) {
        this.connection = connection;
        this.busName = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
        this.icons = icons;
        this.ui = ui;
        this.activate = activate;
    }

    /**
     * Connects to the session bus at {@code busAddress} and shows the item, when a StatusNotifierWatcher (an SNI
     * host) is there; empty when there is none. Blocking: call it off the FX thread.
     *
     * @param iconFolder where the icon PNGs are copied for hosts that look icons up by name
     * @param ui         runs click handlers (the JavaFX thread)
     * @param activate   what a left click on the icon does (show the window)
     */
    public static Optional<SniTray> connect(String busAddress, Path iconFolder, Executor ui, Runnable activate)
            throws IOException {
        if (busAddress == null || busAddress.isBlank()) {
            return Optional.empty();
        }
        DBusConnection connection;
        try {
            // One thread for incoming calls, so replies leave in the order the calls came: libdbusmenu-gtk (Xfce)
            // leaves a submenu empty when its children's GetGroupProperties is answered before its parent's.
            connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).receivingThreadConfig()
                    .withMethodCallThreadCount(1).connectionConfig().build();
        } catch (DBusException e) {
            throw new IOException("cannot connect to the session bus: " + e.getMessage(), e);
        }
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!bus.NameHasOwner(StatusNotifierWatcher.BUS_NAME)) {
                connection.close();
                return Optional.empty();
            }
            SniTray tray = new SniTray(connection, SniIcons.load(iconFolder), ui, activate);
            tray.export();
            return Optional.of(tray);
        } catch (DBusException | DBusExecutionException | IOException e) {
            connection.close();
            throw new IOException("cannot show the tray item: " + e.getMessage(), e);
        }
    }

    private void export() throws DBusException {
        connection.requestBusName(busName);
        connection.exportObject(ITEM_PATH, new Item());
        connection.exportObject(MENU_PATH, new Menu());
        // The panel (or GNOME's extension) restarted: its new watcher does not know us yet.
        ownerWatch = connection.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
            if (StatusNotifierWatcher.BUS_NAME.equals(signal.name) && !signal.newOwner.isEmpty()) {
                signals.execute(this::register);
            }
        });
        register();
    }

    private void register() {
        try {
            connection.getRemoteObject(StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.PATH,
                    StatusNotifierWatcher.class).RegisterStatusNotifierItem(busName);
            LOG.info("Tray item {} registered with the StatusNotifierWatcher", busName);
        } catch (DBusException | DBusExecutionException e) {
            LOG.warn("Could not register the tray item with the StatusNotifierWatcher: {}", e.getMessage());
        }
    }

    /** The bus name the item is exported under ({@code org.kde.StatusNotifierItem-<pid>-1}). */
    public String busName() {
        return busName;
    }

    @Override
    public void show(TrayMenu menu) {
        TrayMenu before = shown;
        shown = menu;
        layout = SniMenuLayout.of(revision.incrementAndGet(), menu,
                key -> ids.computeIfAbsent(key, k -> nextId.getAndIncrement()));
        int rev = layout.revision();
        List<DBusSignal> changed = new ArrayList<>();
        try {
            changed.add(new DbusMenu.LayoutUpdated(MENU_PATH, new UInt32(rev), SniMenuLayout.ROOT));
            if (before.state() != menu.state()) {
                changed.add(new StatusNotifierItem.NewIcon(ITEM_PATH));
                changed.add(new StatusNotifierItem.NewStatus(ITEM_PATH, status(menu.state())));
            }
            if (!before.tooltip().equals(menu.tooltip())) {
                changed.add(new StatusNotifierItem.NewToolTip(ITEM_PATH));
            }
        } catch (DBusException e) {
            LOG.warn("Could not build the tray's D-Bus signals", e);
            return;
        }
        signals.execute(() -> changed.forEach(connection::sendMessage));
    }

    @Override
    public void close() {
        try {
            if (ownerWatch != null) {
                ownerWatch.close();
            }
            connection.close();
        } catch (Exception e) {
            LOG.debug("Closing the tray's bus connection", e);
        } finally {
            signals.shutdown();
        }
    }

    private static String status(TrayState state) {
        return state == TrayState.ATTENTION ? "NeedsAttention" : "Active";
    }

    /** Runs the clicked entry's action on the UI thread; false when no entry has that id. */
    private boolean click(int id) {
        Optional<TrayMenuItem> item = layout.item(id);
        if (item.isEmpty()) {
            return false;
        }
        if (item.get() instanceof TrayMenuItem.Action action && action.enabled()) {
            ui.execute(action.action());
        }
        return true;
    }

    /** The item's properties, each a variant with its signature spelled out (a single Get must not guess it). */
    private Map<String, Variant<?>> itemProperties() {
        TrayMenu menu = shown;
        Map<String, Variant<?>> all = new LinkedHashMap<>();
        all.put("Category", new Variant<>("ApplicationStatus"));
        all.put("Id", new Variant<>("tether"));
        all.put("Title", new Variant<>("Tether"));
        all.put("Status", new Variant<>(status(menu.state())));
        all.put("WindowId", new Variant<>(0));
        all.put("IconThemePath", new Variant<>(icons.themePath()));
        all.put("IconName", new Variant<>(SniIcons.name(menu.state())));
        all.put("IconPixmap", new Variant<>(icons.pixmaps(menu.state()), "a(iiay)"));
        all.put("OverlayIconName", new Variant<>(""));
        all.put("OverlayIconPixmap", new Variant<>(List.of(), "a(iiay)"));
        all.put("AttentionIconName", new Variant<>(SniIcons.name(TrayState.ATTENTION)));
        all.put("AttentionIconPixmap", new Variant<>(icons.pixmaps(TrayState.ATTENTION), "a(iiay)"));
        all.put("AttentionMovieName", new Variant<>(""));
        all.put("ToolTip", new Variant<>(new ToolTip("", List.of(), "Tether", menu.tooltip()), "(sa(iiay)ss)"));
        all.put("ItemIsMenu", new Variant<>(false));
        all.put("Menu", new Variant<>(new DBusPath(MENU_PATH)));
        return all;
    }

    private static Map<String, Variant<?>> menuProperties() {
        Map<String, Variant<?>> all = new LinkedHashMap<>();
        all.put("Version", new Variant<>(new UInt32(3)));
        all.put("TextDirection", new Variant<>("ltr"));
        all.put("Status", new Variant<>("normal"));
        all.put("IconThemePath", new Variant<>(List.of(), "as"));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static <A> A get(Map<String, Variant<?>> properties, String interfaceName, String expected, String name) {
        Variant<?> value = properties.get(name);
        if (!expected.equals(interfaceName) || value == null) {
            throw new DBusExecutionException("No such property " + interfaceName + "." + name);
        }
        return (A) value;
    }

    /** The object at {@value #ITEM_PATH}. */
    private final class Item implements StatusNotifierItem, Properties {
        @Override
        public void Activate(int x, int y) {
            ui.execute(activate);
        }

        @Override
        public void SecondaryActivate(int x, int y) {
            ui.execute(activate);
        }

        @Override
        public void ContextMenu(int x, int y) {
            // Hosts draw the menu from /MenuBar themselves.
        }

        @Override
        public void Scroll(int delta, String orientation) {
            // Nothing to scroll through.
        }

        @Override
        public <A> A Get(String interfaceName, String name) {
            return get(itemProperties(), interfaceName, ITEM_INTERFACE, name);
        }

        @Override
        public <A> void Set(String interfaceName, String name, A value) {
            throw new DBusExecutionException("Read-only property " + interfaceName + "." + name);
        }

        @Override
        public Map<String, Variant<?>> GetAll(String interfaceName) {
            return ITEM_INTERFACE.equals(interfaceName) ? itemProperties() : Map.of();
        }

        @Override
        public String getObjectPath() {
            return ITEM_PATH;
        }
    }

    /** The object at {@value #MENU_PATH}. */
    private final class Menu implements DbusMenu, Properties {
        @Override
        public Pair<UInt32, MenuNode> GetLayout(int parentId, int recursionDepth, List<String> propertyNames) {
            SniMenuLayout now = layout;
            if (!now.has(parentId)) {
                throw new DBusExecutionException("No menu item " + parentId);
            }
            return new Pair<>(new UInt32(now.revision()), now.node(parentId, recursionDepth, propertyNames));
        }

        @Override
        public List<ItemProperties> GetGroupProperties(List<Integer> idList, List<String> propertyNames) {
            SniMenuLayout now = layout;
            List<ItemProperties> result = new ArrayList<>();
            for (int id : idList.isEmpty() ? now.ids() : idList) {
                if (now.has(id)) {
                    result.add(new ItemProperties(id, now.properties(id, propertyNames)));
                }
            }
            return result;
        }

        @Override
        public Variant<?> GetProperty(int id, String name) {
            Variant<?> value = layout.properties(id, List.of(name)).get(name);
            if (value == null) {
                throw new DBusExecutionException("No property " + name + " on menu item " + id);
            }
            return value;
        }

        @Override
        public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            if ("clicked".equals(eventId) && !click(id)) {
                throw new DBusExecutionException("No menu item " + id);
            }
        }

        @Override
        public List<Integer> EventGroup(List<MenuEvent> events) {
            List<Integer> missing = new ArrayList<>();
            for (MenuEvent event : events) {
                if (!layout.has(event.id)) {
                    missing.add(event.id);
                } else if ("clicked".equals(event.eventId)) {
                    click(event.id);
                }
            }
            return missing;
        }

        @Override
        public boolean AboutToShow(int id) {
            return false;
        }

        @Override
        public Pair<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> idList) {
            SniMenuLayout now = layout;
            return new Pair<>(List.of(), idList.stream().filter(id -> !now.has(id)).toList());
        }

        @Override
        public <A> A Get(String interfaceName, String name) {
            return get(menuProperties(), interfaceName, MENU_INTERFACE, name);
        }

        @Override
        public <A> void Set(String interfaceName, String name, A value) {
            throw new DBusExecutionException("Read-only property " + interfaceName + "." + name);
        }

        @Override
        public Map<String, Variant<?>> GetAll(String interfaceName) {
            return MENU_INTERFACE.equals(interfaceName) ? menuProperties() : Map.of();
        }

        @Override
        public String getObjectPath() {
            return MENU_PATH;
        }
    }
}
