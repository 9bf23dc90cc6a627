package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.TargetState;
import app.tether.settings.Preferences;
import app.tether.testing.Interop;
import app.tether.testing.SshTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window against a real OpenSSH server: badges from the live refresher, and trusting a new host key. */
@Tag("interop")
@ExtendWith(ApplicationExtension.class)
class LiveStatusInteropTest {
    @TempDir
    Path dir;

    private SshTestbed testbed;
    private MainWindow window;
    private LiveStatus live;

    @Start
    void start(Stage stage) throws Exception {
        Interop.requireProgram("/usr/sbin/sshd");
        testbed = SshTestbed.start(dir.resolve("sshd"));
        Environment environment = testbed.environment();
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty().add(testbed.target("gpu1")));
        AppContext context = new AppContext(environment, new InventoryStore(environment.inventoryFile()),
                Preferences.open(environment.settingsFile()), new UiLanguage(Locale.ENGLISH), new ThemeSwitcher(false),
                new FxExecutors(BackgroundExecutors.pool("test-ui"), FxExecutors.FX));
        context.themes().apply(Preferences.Theme.LIGHT);
        window = MainWindow.show(stage, context, uri -> { }, () -> { });
    }

    @AfterEach
    void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (testbed != null) {
            testbed.close();
        }
    }

    private TargetItem row() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.model().items().size() == 1);
        return window.model().items().get(0);
    }

    @Test
    void showsAReachableServerOnlineWithItsHostFacts(FxRobot robot) throws Exception {
        TargetItem row = row();
        robot.interact(() -> {
            live = LiveStatus.start(testbed.environment(), window, 1);
            window.setActions(live);
            window.model().selectedProperty().set(row);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> row.state() == TargetState.ONLINE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#host-facts").tryQuery().isPresent(), "host facts of a real server are shown");
        assertEquals("Online", robot.lookup(".badge").queryAs(Label.class).getText());
    }

    @Test
    void anUnknownHostKeyIsTrustedOnlyThroughTheDialog(FxRobot robot) throws Exception {
        Files.delete(testbed.environment().knownHosts());
        TargetItem row = row();
        robot.interact(() -> {
            live = LiveStatus.start(testbed.environment(), window, 1);
            window.setActions(live);
            window.model().selectedProperty().set(row);
        });
        // The background refresh never asks: it reports the key as not trusted.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> row.state() == TargetState.HOST_KEY_UNKNOWN);
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#detail-trust-key");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#host-key-fingerprint").tryQuery()
                .map(node -> node.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        String fingerprint = robot.lookup("#host-key-fingerprint").queryAs(TextField.class).getText();
        assertTrue(fingerprint.startsWith("SHA256:"), fingerprint);
        robot.clickOn("#host-key-trust");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> row.state() == TargetState.ONLINE);
        assertTrue(Files.readString(testbed.environment().knownHosts()).startsWith("[127.0.0.1]:"),
                "the trusted key is remembered in known_hosts: " + Files.readString(testbed.environment().knownHosts()));
    }
}
