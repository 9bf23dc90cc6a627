package app.tether.tray.sni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.tray.TrayMenu;
import app.tether.tray.TrayMenuItem;
import app.tether.tray.TrayState;
import app.tether.testing.Interop;
import app.tether.testing.PrivateBus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The StatusNotifierItem and dbusmenu objects as any client sees them on a private bus: single-property Gets of
 * container types (the bug that hid JetBrains Toolbox's icon), GetLayout, the *Group methods libdbusmenu uses, a
 * click, and registering again when the watcher changes owner. The watcher here is a stand-in that records
 * registrations; the real panel is in {@link SniTrayXfceInteropTest}.
 */
@Tag("interop")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SniTrayBusTest {
    @TempDir
    Path dir;

    /** Records RegisterStatusNotifierItem calls, like a panel's watcher. */
    static final class StandInWatcher implements StatusNotifierWatcher {
        final BlockingQueue<String> registered = new LinkedBlockingQueue<>();

        @Override
        public void RegisterStatusNotifierItem(String service) {
            registered.add(service);
        }

        @Override
        public String getObjectPath() {
            return PATH;
        }
    }

    /** The bytes gdbus shows are A, R, G, B of each pixel of the PNG, row by row. */
    private static void assertArgbInNetworkOrder(String gdbusOutput, String resource) throws java.io.IOException {
        java.util.regex.Matcher hex = java.util.regex.Pattern.compile("0x([0-9a-f]{2})").matcher(gdbusOutput);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (hex.find()) {
            bytes.write(Integer.parseInt(hex.group(1), 16));
        }
        byte[] data = bytes.toByteArray();
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(SniTrayBusTest.class.getResource(resource));
        assertEquals(png.getWidth() * png.getHeight() * 4, data.length);
        int opaque = 0;
        for (int i = 0; i < png.getWidth() * png.getHeight(); i++) {
            int argb = png.getRGB(i % png.getWidth(), i / png.getWidth());
            int fromBus = ((data[4 * i] & 0xff) << 24) | ((data[4 * i + 1] & 0xff) << 16)
                    | ((data[4 * i + 2] & 0xff) << 8) | (data[4 * i + 3] & 0xff);
            assertEquals(argb, fromBus, "pixel " + i);
            opaque += (argb >>> 24) == 0xff ? 1 : 0;
        }
        assertTrue(opaque > 100, "the icon has opaque pixels to compare");
    }

    @Test
    void servesItsPropertiesMenuAndClicksOverDBusAndRegistersAgainWithANewWatcher() throws Exception {
        Interop.requireProgram(PrivateBus.DBUS_DAEMON);
        Interop.requireProgram(PrivateBus.GDBUS);
        try (PrivateBus bus = PrivateBus.start(Map.of())) {
            assertTrue(SniTray.connect(bus.address(), dir.resolve("icons"), Runnable::run, () -> { }).isEmpty(),
                    "no watcher on the bus: no SNI item");

            StandInWatcher watcher = new StandInWatcher();
            DBusConnection panel = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
            panel.requestBusName(StatusNotifierWatcher.BUS_NAME);
            panel.exportObject(StatusNotifierWatcher.PATH, watcher);
            BlockingQueue<String> clicked = new LinkedBlockingQueue<>();
            BlockingQueue<String> activated = new LinkedBlockingQueue<>();
            Optional<SniTray> connected = SniTray.connect(bus.address(), dir.resolve("icons"), Runnable::run,
                    () -> activated.add("show"));
            assertTrue(connected.isPresent());
            try (SniTray tray = connected.get()) {
                String name = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
                assertEquals(name, watcher.registered.poll(10, TimeUnit.SECONDS));
                tray.show(new TrayMenu(TrayState.ACTIVE, "Tether — 1 running", List.of(
                        new TrayMenuItem.Info("total", "Paid targets running: 1 · $3.40/h"),
                        new TrayMenuItem.Separator("s"),
                        new TrayMenuItem.Submenu("target/gpu_1/", "gpu_1 — Running · $3.40/h", List.of(
                                new TrayMenuItem.Action("target/gpu_1/pause", "Pause", true, () -> clicked.add("pause")))),
                        new TrayMenuItem.Action("quit", "Quit", true, () -> clicked.add("quit")))));

                String item = "/StatusNotifierItem";
                String props = "org.freedesktop.DBus.Properties.Get";
                assertEquals("(<'tether'>,)", bus.gdbus(name, item, props, "org.kde.StatusNotifierItem", "Id"));
                assertEquals("(<objectpath '/MenuBar'>,)", bus.gdbus(name, item, props, "org.kde.StatusNotifierItem",
                        "Menu"));
                assertEquals("(<'tether-tray-active'>,)", bus.gdbus(name, item, props, "org.kde.StatusNotifierItem",
                        "IconName"));
                String pixmap = bus.gdbus(name, item, props, "org.kde.StatusNotifierItem", "IconPixmap");
                assertTrue(pixmap.startsWith("(<[(32, 32, [byte "), pixmap);
                assertArgbInNetworkOrder(pixmap, "/app/tether/icons/tray-active.png");
                assertTrue(bus.gdbus(name, item, props, "org.kde.StatusNotifierItem", "ToolTip")
                        .contains("'Tether — 1 running'"));
                String all = bus.gdbus(name, item, "org.freedesktop.DBus.Properties.GetAll", "org.kde.StatusNotifierItem");
                for (String property : List.of("Category", "Id", "Title", "Status", "WindowId", "IconThemePath",
                        "IconName", "IconPixmap", "OverlayIconName", "AttentionIconPixmap", "ToolTip", "ItemIsMenu",
                        "Menu")) {
                    assertTrue(all.contains("'" + property + "'"), property + " missing from " + all);
                }
                assertEquals("(<uint32 3>,)", bus.gdbus(name, "/MenuBar", props, "com.canonical.dbusmenu", "Version"));

                String layout = bus.gdbus(name, "/MenuBar", "com.canonical.dbusmenu.GetLayout", "0", "-1", "[]");
                assertTrue(layout.startsWith("(uint32 1, (0, {'children-display': <'submenu'>}, [<(1, {'label': "
                        + "<'Paid targets running: 1 · $3.40/h'>, 'enabled': <false>"), layout);
                assertTrue(layout.contains("'label': <'gpu__1 — Running · $3.40/h'>"), "underscores escaped: " + layout);
                assertTrue(layout.contains("{'type': <'separator'>"), layout);
                assertTrue(layout.contains("(4, {'label': <'Pause'>, 'enabled': <true>"), layout);

                String group = bus.gdbus(name, "/MenuBar", "com.canonical.dbusmenu.GetGroupProperties", "[4, 99]",
                        "['label']");
                assertEquals("([(4, {'label': <'Pause'>})],)", group);
                assertEquals("(@ai [], [99])", bus.gdbus(name, "/MenuBar", "com.canonical.dbusmenu.AboutToShowGroup",
                        "[0, 99]"));
                assertEquals("(@ai [], @ai [])", bus.gdbus(name, "/MenuBar", "com.canonical.dbusmenu.AboutToShowGroup",
                        "[0, 3]"), "all known: libdbusmenu waits for this answer before it fills a submenu");
                assertEquals("(false,)", bus.gdbus(name, "/MenuBar", "com.canonical.dbusmenu.AboutToShow", "3"));
                assertEquals("([77],)", bus.gdbus(name, "/MenuBar", "com.canonical.dbusmenu.EventGroup",
                        "[(4, 'clicked', <0>, uint32 0), (77, 'clicked', <0>, uint32 0)]"));
                assertEquals("pause", clicked.poll(5, TimeUnit.SECONDS), "EventGroup (libdbusmenu) reaches the action");
                bus.gdbus(name, "/MenuBar", "com.canonical.dbusmenu.Event", "5", "clicked", "<0>", "uint32 0");
                assertEquals("quit", clicked.poll(5, TimeUnit.SECONDS), "Event (GNOME's extension) reaches the action");
                bus.gdbus(name, "/MenuBar", "com.canonical.dbusmenu.Event", "1", "clicked", "<0>", "uint32 0");
                bus.gdbus(name, item, "org.kde.StatusNotifierItem.Activate", "0", "0");
                assertEquals("show", activated.poll(5, TimeUnit.SECONDS));
                assertEquals(null, clicked.poll(200, TimeUnit.MILLISECONDS), "the total line is not clickable");

                // The ids stay with their entries when the menu changes; the revision moves on.
                tray.show(new TrayMenu(TrayState.IDLE, "Tether", List.of(
                        new TrayMenuItem.Action("quit", "Quit", true, () -> clicked.add("quit")))));
                String after = bus.gdbus(name, "/MenuBar", "com.canonical.dbusmenu.GetLayout", "0", "-1", "['label']");
                assertEquals("(uint32 2, (0, @a{sv} {}, [<(5, {'label': <'Quit'>}, @av [])>]))", after);
                assertEquals("(<'tether-tray-idle'>,)", bus.gdbus(name, item, props, "org.kde.StatusNotifierItem",
                        "IconName"));

                // The panel restarts: a new watcher takes the name and must hear from the item again.
                panel.releaseBusName(StatusNotifierWatcher.BUS_NAME);
                try (DBusConnection restarted = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build()) {
                    StandInWatcher second = new StandInWatcher();
                    restarted.exportObject(StatusNotifierWatcher.PATH, second);
                    restarted.requestBusName(StatusNotifierWatcher.BUS_NAME);
                    assertEquals(name, second.registered.poll(10, TimeUnit.SECONDS));
                }
            } finally {
                panel.close();
            }
        }
    }
}
