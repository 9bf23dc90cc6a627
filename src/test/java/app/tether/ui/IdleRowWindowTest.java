package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.HfSpace;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.Target;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.Providers;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.settings.Preferences;
import app.tether.testing.HfStandIn;
import app.tether.testing.ManualClock;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TunnelService;
import app.tether.watch.Guard;
import app.tether.watch.IdleSettingsStore;
import app.tether.watch.StandardIdleSignals;
import app.tether.watch.WatchEvent;
import app.tether.watch.WatchEvents;
import app.tether.workflow.ActionGuard;
import app.tether.workflow.Lifecycle;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The detail pane's idle row against the stand-in Hub (headless): a paid Space shows the switch on, the rule and
 * each signal; during the countdown "Keep running" calls it off through the guard; the switch is saved in idle.json.
 */
@ExtendWith(ApplicationExtension.class)
class IdleRowWindowTest {
    @TempDir
    Path dir;

    private HfStandIn hub;
    private MainWindow window;
    private Guard guard;
    private Lifecycle lifecycle;
    private Environment environment;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final List<WatchEvent> seen = new CopyOnWriteArrayList<>();
    private final HfSpace space = new HfSpace("notebook", "alice/notebook", null, null, null, null);

    @Start
    void start(Stage stage) throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        hub = HfStandIn.start();
        hub.addUser("alice", "hf_alice_write", "write");
        hub.addSpace("alice/notebook", true, "t4-small", URI.create("http://127.0.0.1:9"));
    }

    @AfterEach
    void stop() {
        if (guard != null) {
            guard.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private void open(FxRobot robot) throws Exception {
        environment = UiFixture.environment(dir).withVariable("HF_ENDPOINT", hub.endpoint().toString())
                .withVariable("HF_TOKEN", "hf_alice_write");
        Files.createDirectories(environment.sshDir());
        InventoryStore store = new InventoryStore(environment.inventoryFile());
        store.save(Inventory.empty().add(space));
        AppContext context = new AppContext(environment, store, Preferences.open(environment.settingsFile()),
                new UiLanguage(Locale.ENGLISH), new ThemeSwitcher(false),
                new FxExecutors(BackgroundExecutors.pool("idle-ui-test"), FxExecutors.FX));
        Providers providers = StandardProviders.create(environment, () -> {
            throw new AssertionError("no SSH here");
        });
        lifecycle = new Lifecycle(providers, StateCache.in(environment), new ActionGuard(), Duration.ofMillis(100));
        WatchEvents events = new WatchEvents();
        events.subscribe(seen::add);
        PortMemory ports = new PortMemory(dir.resolve("ports.properties"));
        guard = new Guard(lifecycle, () -> List.<Target>of(space), Set.of(), IdleSettingsStore.in(environment),
                new StandardIdleSignals(providers, () -> null, new TunnelService(null, ports), new HttpForwards(ports),
                        new JupyterSecrets(environment)),
                events, clock, BackgroundExecutors.scheduler("idle-ui-guard", 1), BackgroundExecutors.direct(), n -> { });
        robot.interact(() -> {
            context.themes().apply(Preferences.Theme.LIGHT);
            window = MainWindow.show(new Stage(), context, uri -> { }, () -> { });
            window.setCloudActions(new CloudActions(lifecycle, context.executors()));
            window.setIdle(new IdleRow(context.language(), guard.idle(), IdleSettingsStore.in(environment), guard,
                    context.executors(), events));
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.model().items().size() == 1);
        TargetItem row = window.model().items().get(0);
        robot.interact(() -> window.model().selectedProperty().set(row));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What the guard's refresher does every 30 s of simulated time. */
    private void watchFor(int minutes) throws InterruptedException {
        for (int i = 0; i < minutes * 2; i++) {
            clock.advance(Duration.ofSeconds(30));
            guard.dispatch(space, lifecycle.observe(space));
            guard.idle().tick();
        }
    }

    @Test
    void thePaidSpaceShowsTheRuleAndItsSignalsAndKeepRunningCallsTheCountdownOff(FxRobot robot) throws Exception {
        open(robot);
        watchFor(31);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#idle-keep").tryQuery().isPresent()));
        assertTrue(onFx(() -> robot.lookup("#idle-switch").queryAs(CheckBox.class).isSelected()), "on: a paid Space");
        assertTrue(text(robot, "#idle-rule").startsWith("Tether pauses notebook when every GPU stays below 5 %"));
        assertEquals("GPU utilisation: cannot report (this kind reports no GPU utilisation)",
                text(robot, "#idle-signal-gpu"));
        assertTrue(text(robot, "#idle-signal-kernels").startsWith("Notebook kernels: cannot report (the notebook did"),
                text(robot, "#idle-signal-kernels"));
        assertEquals("Connections through Tether: idle (nothing connected)", text(robot, "#idle-signal-connections"));

        robot.clickOn("#idle-keep");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> seen.stream()
                .anyMatch(e -> e.type() == WatchEvent.Type.IDLE_PAUSE_CANCELLED));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#idle-keep").tryQuery().isEmpty()));
        assertEquals("RUNNING", hub.stage("alice/notebook"));

        robot.clickOn("#idle-switch");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(environment.home().resolve("idle.json"))
                && Files.readString(environment.home().resolve("idle.json")).contains("\"enabled\" : false"));
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    private static <T> T onFx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(30, TimeUnit.SECONDS);
    }
}
