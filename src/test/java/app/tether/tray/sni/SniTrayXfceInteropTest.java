package app.tether.tray.sni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.HfSpace;
import app.tether.inventory.TargetState;
import app.tether.providers.Providers;
import app.tether.providers.StateCache;
import app.tether.providers.hf.HfProvider;
import app.tether.testing.HfStandIn;
import app.tether.testing.Interop;
import app.tether.testing.XfcePanelDesktop;
import app.tether.tray.TrayMenuItem;
import app.tether.ui.CloudActions;
import app.tether.ui.DialogService;
import app.tether.ui.DesktopTray;
import app.tether.ui.FxExecutors;
import app.tether.ui.TargetActions;
import app.tether.ui.TargetItem;
import app.tether.ui.UiLanguage;
import app.tether.watch.WatchEvent;
import app.tether.watch.WatchEvents;
import app.tether.workflow.ActionGuard;
import app.tether.workflow.Lifecycle;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tray on a real SNI host: xfce4-panel's systray (Debian) on Xvfb with a private session bus shows Tether's
 * icon; a right click opens the menu, Pause in a Space's submenu (chosen with xdotool) pauses the Space through
 * the real Lifecycle and HfProvider against the stand-in Hub, and the reopened menu no longer lists it.
 */
@Tag("interop")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SniTrayXfceInteropTest {
    /** Set {@code -Dtether.trayScreenshots=DIR} to keep the screenshots of the open menu (packaging/screenshots). */
    private static final String KEEP = System.getProperty("tether.trayScreenshots");
    /** {@code -Dtether.trayLanguage=zh} runs it in Chinese (for the Chinese screenshot). */
    private static final Locale LANGUAGE = "zh".equals(System.getProperty("tether.trayLanguage"))
            ? Messages.CHINESE : Locale.ENGLISH;

    @TempDir
    Path dir;

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final ExecutorService background = BackgroundExecutors.pool("test-tray");

    private static Stage window;

    @BeforeAll
    static void toolkit() throws Exception {
        window = FxToolkit.registerPrimaryStage();
        // The window the confirmation belongs to, as Tether's main window would be.
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new StackPane(), 400, 300));
            stage.show();
        });
    }

    @AfterEach
    void english() {
        Messages.setLocale(Locale.ENGLISH);
        background.shutdownNow();
    }

    @Test
    void pauseFromTheTrayMenuOnXfceReachesTheHubAndTheMenuThenDropsTheSpace() throws Exception {
        XfcePanelDesktop.PROGRAMS.forEach(Interop::requireProgram);
        Messages.setLocale(LANGUAGE);
        try (HfStandIn hub = HfStandIn.start(); XfcePanelDesktop desktop = XfcePanelDesktop.start(dir.resolve("x"))) {
            hub.addUser("alice", "hf_alice", "write");
            hub.addSpace("alice/gpu-lab", false, "t4-small", URI.create("http://127.0.0.1:9"));
            hub.addSpace("alice/cpu-lab", false, "cpu-basic", URI.create("http://127.0.0.1:9"));
            Environment environment = new Environment(dir.resolve("home"), dir.resolve("user"))
                    .withVariable("HF_ENDPOINT", hub.endpoint().toString()).withVariable("HF_TOKEN", "hf_alice");
            Lifecycle lifecycle = new Lifecycle(new Providers().register(new HfProvider(environment)),
                    new StateCache(dir.resolve("state.json")), new ActionGuard(), Duration.ofMillis(200));
            HfSpace gpu = new HfSpace("gpu-lab", "alice/gpu-lab", null, null, null, null);
            HfSpace cpu = new HfSpace("cpu-lab", "alice/cpu-lab", null, null, null, null);
            ObservableList<TargetItem> items = FXCollections.observableArrayList();
            var gpuLive = lifecycle.observe(gpu);
            var cpuLive = lifecycle.observe(cpu);
            fx(() -> {
                items.addAll(new TargetItem(gpu), new TargetItem(cpu));
                items.get(0).applyLive(gpuLive);
                items.get(1).applyLive(cpuLive);
                return null;
            });
            assertEquals(TargetState.RUNNING, gpuLive.state());

            BufferedImage empty = desktop.screenshot();
            SniTray backend = SniTray.connect(desktop.busAddress(), dir.resolve("icons"), Platform::runLater,
                    () -> asked.add("show")).orElseThrow();
            DesktopTray tray = new DesktopTray(items, lifecycle, new CloudActions(lifecycle,
                    new FxExecutors(background, FxExecutors.FX)), new OpensNotebooks(), new Host());
            WatchEvents events = new WatchEvents();
            try (tray) {
                fx(() -> {
                    tray.start(backend, events, new SimpleObjectProperty<>(LANGUAGE));
                    return null;
                });
                Rectangle panel = new Rectangle(0, 0, XfcePanelDesktop.WIDTH, 40);
                Rectangle icon = waitForChange(desktop, empty, panel, "the tray icon in the panel");
                assertTrue(icon.width <= 40 && icon.height <= 40, "an icon-sized change: " + icon);

                // Menu: total, separator, gpu-lab, cpu-lab (free, running), separator, Pause all, Show, Quit.
                TrayMenuItem.Submenu listed = (TrayMenuItem.Submenu) fx(() -> tray.menu().items().get(2));
                assertEquals(Messages.get("tray.target", "gpu-lab", Messages.get(TargetState.RUNNING.messageKey())
                        + " · " + Messages.get("tray.perHour", "$0.40")), listed.label());
                int cx = icon.x + icon.width / 2;
                int cy = icon.y + icon.height / 2;
                Rectangle screen = new Rectangle(0, 0, XfcePanelDesktop.WIDTH, XfcePanelDesktop.HEIGHT);
                // Keyboard through the menu the panel drew, each key only once the last one shows: the Space's line,
                // its submenu (with its two entries, not empty), Pause.
                BufferedImage closedMenu = desktop.screenshot();
                desktop.xdotool("mousemove", String.valueOf(cx), String.valueOf(cy), "click", "3");
                Rectangle menuBefore = waitForChange(desktop, closedMenu, screen, "the tray menu");
                BufferedImage menuShown = desktop.screenshot();
                desktop.xdotool("key", "Down");
                waitForChange(desktop, menuShown, menuBefore, "the Space's line highlighted");
                Rectangle right = new Rectangle(menuBefore.x + menuBefore.width, 0,
                        XfcePanelDesktop.WIDTH - menuBefore.x - menuBefore.width, XfcePanelDesktop.HEIGHT);
                desktop.xdotool("key", "Right");
                Rectangle submenu = waitForChange(desktop, menuShown, right, "the Space's submenu");
                if (submenu.height < 40) {
                    ImageIO.write(desktop.screenshot(), "png", Path.of("target", "tray-submenu-empty.png").toFile());
                }
                assertTrue(submenu.height >= 40, "the submenu shows its entries, not empty: " + submenu
                        + " (target/tray-submenu-empty.png)");
                BufferedImage submenuShown = desktop.screenshot();
                desktop.xdotool("key", "Down");
                waitForChange(desktop, submenuShown, submenu, "Pause highlighted");
                BufferedImage open = desktop.screenshot();
                keep(open, "tray-menu-" + LANGUAGE.getLanguage() + ".png");
                desktop.xdotool("key", "Return");

                XfcePanelDesktop.waitFor(() -> hub.requests().contains("POST /api/spaces/alice/gpu-lab/pause"),
                        "the pause request at the Hub (requests: " + hub.requests() + ")");
                XfcePanelDesktop.waitFor(() -> fxQuiet(() -> items.get(0).state() == TargetState.PAUSED),
                        "the row to show the Space paused");
                XfcePanelDesktop.waitFor(() -> fxQuiet(() -> tray.menu().find("target/gpu-lab/").isEmpty()),
                        "the menu to drop the paused Space");
                assertEquals(Messages.get("tray.total.none"),
                        ((TrayMenuItem.Info) fx(() -> tray.menu().items().get(0))).label());
                assertTrue(asked.isEmpty(), "nothing asked for a plain pause: " + asked);

                // The panel read the new layout: the reopened menu is shorter by the Space's line and a separator.
                Thread.sleep(500);
                BufferedImage closed = desktop.screenshot();
                desktop.xdotool("mousemove", String.valueOf(cx), String.valueOf(cy), "click", "3");
                Rectangle menuAfter = waitForChange(desktop, closed, screen, "the reopened tray menu");
                assertTrue(menuAfter.height < menuBefore.height - 15,
                        "menu before " + menuBefore + ", after " + menuAfter);
                keep(desktop.screenshot(), "tray-menu-" + LANGUAGE.getLanguage() + "-after-pause.png");
                desktop.xdotool("key", "Escape");

                // A watcher's warning turns the icon to "needs attention" in the panel.
                Thread.sleep(500);
                BufferedImage calm = desktop.screenshot();
                events.accept(new WatchEvent(Instant.now(), "gpu-lab", WatchEvent.Type.PREEMPTED, TargetState.PREEMPTED,
                        "preempted"));
                Rectangle changedIcon = waitForChange(desktop, calm, panel, "the attention icon");
                assertTrue(changedIcon.intersects(icon), changedIcon + " vs " + icon);
            }
        }
    }

    @Test
    void openNotebookAndPauseAllFromTheXfceMenuPauseAllAsksInTheWindowAndPausesThePaidSpacesOnlyAfterYes() throws Exception {
        XfcePanelDesktop.PROGRAMS.forEach(Interop::requireProgram);
        try (HfStandIn hub = HfStandIn.start(); XfcePanelDesktop desktop = XfcePanelDesktop.start(dir.resolve("x"))) {
            hub.addUser("alice", "hf_alice", "write");
            hub.addSpace("alice/gpu-lab", false, "t4-small", URI.create("http://127.0.0.1:9"));
            hub.addSpace("alice/gpu-two", false, "a10g-small", URI.create("http://127.0.0.1:9"));
            hub.addSpace("alice/cpu-lab", false, "cpu-basic", URI.create("http://127.0.0.1:9"));
            Environment environment = new Environment(dir.resolve("home"), dir.resolve("user"))
                    .withVariable("HF_ENDPOINT", hub.endpoint().toString()).withVariable("HF_TOKEN", "hf_alice");
            Lifecycle lifecycle = new Lifecycle(new Providers().register(new HfProvider(environment)),
                    new StateCache(dir.resolve("state.json")), new ActionGuard(), Duration.ofMillis(200));
            ObservableList<TargetItem> items = FXCollections.observableArrayList();
            for (String name : List.of("gpu-lab", "gpu-two", "cpu-lab")) {
                HfSpace space = new HfSpace(name, "alice/" + name, null, null, null, null);
                var live = lifecycle.observe(space);
                fx(() -> {
                    TargetItem item = new TargetItem(space);
                    item.applyLive(live);
                    return items.add(item);
                });
            }
            BufferedImage empty = desktop.screenshot();
            SniTray backend = SniTray.connect(desktop.busAddress(), dir.resolve("icons"), Platform::runLater,
                    () -> asked.add("show")).orElseThrow();
            DialogService dialogs = new DialogService(window, new UiLanguage(Locale.ENGLISH), uri -> { });
            DesktopTray tray = new DesktopTray(items, lifecycle, new CloudActions(lifecycle,
                    new FxExecutors(background, FxExecutors.FX)), new OpensNotebooks(), new Host() {
                        @Override
                        public boolean confirmPauseAll(List<String> targets) {
                            // As DesktopApp asks: the window's own confirmation.
                            asked.add("confirm " + targets);
                            boolean yes = dialogs.confirm("tray.pauseAll.title", "tray.pauseAll.message",
                                    "tray.pauseAll.ok", String.join("\n", targets));
                            asked.add("answered " + yes);
                            return yes;
                        }
                    });
            try (tray) {
                fx(() -> {
                    tray.start(backend, new WatchEvents(), new SimpleObjectProperty<>(Locale.ENGLISH));
                    return null;
                });
                Rectangle icon = waitForChange(desktop, empty, new Rectangle(0, 0, XfcePanelDesktop.WIDTH, 40),
                        "the tray icon in the panel");
                // Menu: total, separator, gpu-lab, gpu-two, cpu-lab, separator, Pause all, Show, Quit.
                assertEquals("pause-all", fx(() -> tray.menu().items().get(6).key()));

                // Open notebook in a running Space's submenu reaches the window's opener (and shows the window).
                Rectangle screen = new Rectangle(0, 0, XfcePanelDesktop.WIDTH, XfcePanelDesktop.HEIGHT);
                BufferedImage closed = desktop.screenshot();
                desktop.xdotool("mousemove", String.valueOf(icon.x + icon.width / 2),
                        String.valueOf(icon.y + icon.height / 2), "click", "3");
                Rectangle menu = waitForChange(desktop, closed, screen, "the tray menu");
                BufferedImage shown = desktop.screenshot();
                desktop.xdotool("key", "Down");
                waitForChange(desktop, shown, menu, "gpu-lab highlighted");
                desktop.xdotool("key", "Right");
                waitForChange(desktop, shown, new Rectangle(menu.x + menu.width, 0,
                        XfcePanelDesktop.WIDTH - menu.x - menu.width, XfcePanelDesktop.HEIGHT), "gpu-lab's submenu");
                desktop.xdotool("key", "Return");
                XfcePanelDesktop.waitFor(() -> asked.contains("open gpu-lab"), "the opener (asked " + asked + ")");
                assertEquals(List.of("show", "open gpu-lab"), List.copyOf(asked));
                asked.clear();

                // Cancel: nothing is paused.
                DialogPane asking = choosePauseAll(desktop, icon);
                String question = fx(asking::getContentText);
                assertTrue(question.contains("gpu-lab") && question.contains("gpu-two") && !question.contains("cpu-lab"),
                        question);
                assertTrue(pauses(hub).isEmpty(), "nothing paused while asking: " + hub.requests());
                click(asking, ButtonBar.ButtonData.CANCEL_CLOSE);
                Thread.sleep(1500);
                assertTrue(pauses(hub).isEmpty(), "nothing paused after Cancel: " + hub.requests());
                assertEquals(3, fx(() -> items.stream().filter(i -> i.state() == TargetState.RUNNING).count()));

                // Yes: both paid Spaces are paused at the Hub, the free one is left running.
                click(choosePauseAll(desktop, icon), ButtonBar.ButtonData.OK_DONE);
                XfcePanelDesktop.waitFor(() -> pauses(hub).size() == 2, "two pauses at the Hub: " + hub.requests());
                assertEquals(List.of("POST /api/spaces/alice/gpu-lab/pause", "POST /api/spaces/alice/gpu-two/pause"),
                        pauses(hub).stream().sorted().toList());
                XfcePanelDesktop.waitFor(() -> fxQuiet(() -> tray.menu().find("target/gpu-two/").isEmpty()
                        && tray.menu().find("target/gpu-lab/").isEmpty()), "the menu to drop the paused Spaces");
                assertTrue(tray.menu().find("target/cpu-lab/").isPresent(), "the free Space is still listed");
                assertTrue(asked.stream().noneMatch(a -> a.startsWith("failed")), asked.toString());
            }
        }
    }

    @Test
    void switchingTheLanguageWhileRunningRelabelsTheMenuThePanelReads() throws Exception {
        XfcePanelDesktop.PROGRAMS.forEach(Interop::requireProgram);
        try (HfStandIn hub = HfStandIn.start(); XfcePanelDesktop desktop = XfcePanelDesktop.start(dir.resolve("x"))) {
            hub.addUser("alice", "hf_alice", "write");
            hub.addSpace("alice/gpu-lab", false, "t4-small", URI.create("http://127.0.0.1:9"));
            Environment environment = new Environment(dir.resolve("home"), dir.resolve("user"))
                    .withVariable("HF_ENDPOINT", hub.endpoint().toString()).withVariable("HF_TOKEN", "hf_alice");
            Lifecycle lifecycle = new Lifecycle(new Providers().register(new HfProvider(environment)),
                    new StateCache(dir.resolve("state.json")), new ActionGuard(), Duration.ofMillis(200));
            HfSpace space = new HfSpace("gpu-lab", "alice/gpu-lab", null, null, null, null);
            var live = lifecycle.observe(space);
            ObservableList<TargetItem> items = FXCollections.observableArrayList();
            UiLanguage language = fx(() -> {
                TargetItem item = new TargetItem(space);
                item.applyLive(live);
                items.add(item);
                return new UiLanguage(Locale.ENGLISH);
            });
            BufferedImage empty = desktop.screenshot();
            SniTray backend = SniTray.connect(desktop.busAddress(), dir.resolve("icons"), Platform::runLater,
                    () -> asked.add("show")).orElseThrow();
            DesktopTray tray = new DesktopTray(items, lifecycle, new CloudActions(lifecycle,
                    new FxExecutors(background, FxExecutors.FX)), new OpensNotebooks(), new Host());
            try (tray) {
                fx(() -> {
                    tray.start(backend, new WatchEvents(), language.localeProperty());
                    return null;
                });
                waitForChange(desktop, empty, new Rectangle(0, 0, XfcePanelDesktop.WIDTH, 40), "the tray icon");
                List<String> english = labels();
                List<String> chinese = fx(() -> {
                    language.setLocale(Messages.CHINESE);
                    List<String> zh = labels();
                    language.setLocale(Locale.ENGLISH);
                    return zh;
                });
                // Each switch as Settings makes it, on the FX thread; each time the layout the panel reads follows.
                for (Locale next : List.of(Locale.ENGLISH, Messages.CHINESE, Locale.ENGLISH)) {
                    fx(() -> {
                        language.setLocale(next);
                        return null;
                    });
                    List<String> labels = next == Messages.CHINESE ? chinese : english;
                    List<String> other = next == Messages.CHINESE ? english : chinese;
                    XfcePanelDesktop.waitFor(() -> {
                        String layout = layout(desktop, backend);
                        return labels.stream().allMatch(layout::contains) && other.stream().noneMatch(layout::contains);
                    }, next + " labels in GetLayout " + labels + ": " + layout(desktop, backend));
                }
            }
        }
    }

    /** The labels of a menu with one running paid Space, in the current language. */
    private static List<String> labels() {
        return List.of(Messages.get("tray.pauseAll"), Messages.get("tray.show"), Messages.get("tray.quit"),
                Messages.get("tray.open"), Messages.get("tray.target", "gpu-lab",
                        Messages.get(TargetState.RUNNING.messageKey()) + " · " + Messages.get("tray.perHour", "$0.40")));
    }

    private static String layout(XfcePanelDesktop desktop, SniTray backend) {
        try {
            return desktop.bus().gdbus(backend.busName(), "/MenuBar", "com.canonical.dbusmenu.GetLayout", "0", "-1",
                    "[]");
        } catch (java.io.IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    /** Opens the panel's menu, chooses "Pause all paid targets" by keyboard and returns the window's question. */
    private DialogPane choosePauseAll(XfcePanelDesktop desktop, Rectangle icon) throws Exception {
        Thread.sleep(500);
        BufferedImage closed = desktop.screenshot();
        desktop.xdotool("mousemove", String.valueOf(icon.x + icon.width / 2), String.valueOf(icon.y + icon.height / 2),
                "click", "3");
        waitForChange(desktop, closed, new Rectangle(0, 0, XfcePanelDesktop.WIDTH, XfcePanelDesktop.HEIGHT),
                "the tray menu");
        // The disabled total is skipped: the three Spaces, then Pause all.
        desktop.xdotool("key", "Down", "Down", "Down", "Down", "Return");
        DialogPane[] pane = new DialogPane[1];
        XfcePanelDesktop.waitFor(() -> (pane[0] = fxQuiet(SniTrayXfceInteropTest::shownDialog, null)) != null,
                "the confirmation in the window (asked " + asked + ")");
        return pane[0];
    }

    private static DialogPane shownDialog() {
        return new FxRobot().lookup(".dialog-pane").<DialogPane>tryQuery().filter(p -> p.getScene().getWindow().isShowing())
                .orElse(null);
    }

    private static void click(DialogPane pane, ButtonBar.ButtonData which) throws Exception {
        Node button = fx(() -> pane.getButtonTypes().stream().filter(t -> t.getButtonData() == which).findFirst()
                .map(pane::lookupButton).orElseThrow());
        new FxRobot().clickOn(button);
        XfcePanelDesktop.waitFor(() -> fxQuiet(() -> shownDialog() == null), "the question to close");
    }

    private static List<String> pauses(HfStandIn hub) {
        return hub.requests().stream().filter(r -> r.endsWith("/pause")).toList();
    }

    private static Rectangle waitForChange(XfcePanelDesktop desktop, BufferedImage before, Rectangle area, String what)
            throws Exception {
        Rectangle[] found = new Rectangle[1];
        XfcePanelDesktop.waitFor(() -> {
            try {
                found[0] = XfcePanelDesktop.changed(before, desktop.screenshot(), area);
                return found[0] != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, what);
        Thread.sleep(600); // let it finish drawing, then measure again
        Rectangle settled = XfcePanelDesktop.changed(before, desktop.screenshot(), area);
        assertNotNull(settled, what + " went away");
        return settled;
    }

    /** The changed box once something changes within {@code millis}; null when nothing does. */
    private static Rectangle changedWithin(XfcePanelDesktop desktop, BufferedImage before, Rectangle area, long millis)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            Rectangle changed = XfcePanelDesktop.changed(before, desktop.screenshot(), area);
            if (changed != null) {
                return changed;
            }
            Thread.sleep(200);
        }
        return null;
    }

    private static void keep(BufferedImage image, String name) throws Exception {
        if (KEEP != null) {
            Files.createDirectories(Path.of(KEEP));
            ImageIO.write(image.getSubimage(0, 0, 440, 200), "png", Path.of(KEEP, name).toFile());
        }
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    private static boolean fxQuiet(Callable<Boolean> work) {
        try {
            return fx(work);
        } catch (Exception e) {
            return false;
        }
    }

    private static <T> T fxQuiet(Callable<T> work, T otherwise) {
        try {
            return fx(work);
        } catch (Exception e) {
            return otherwise;
        }
    }

    /** The window's actions as far as the tray needs them: notebooks can be opened (nothing opens here). */
    private final class OpensNotebooks implements TargetActions {
        @Override
        public boolean canConnect() {
            return true;
        }

        @Override
        public void openNotebook(TargetItem item) {
            asked.add("open " + item.name());
        }
    }

    private class Host implements DesktopTray.Host {
        @Override
        public void showWindow() {
            asked.add("show");
        }

        @Override
        public void quit() {
            asked.add("quit");
        }

        @Override
        public boolean confirmPauseAll(List<String> targets) {
            asked.add("confirm " + targets);
            return true;
        }

        @Override
        public void failed(Throwable failure) {
            asked.add("failed " + failure);
        }
    }
}
