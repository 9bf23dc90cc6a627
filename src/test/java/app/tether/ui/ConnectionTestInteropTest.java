package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.settings.Preferences;
import app.tether.testing.Interop;
import app.tether.testing.SshTestbed;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
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

/** "Test connection" in the Add dialog against a real OpenSSH server, with the window staying responsive. */
@Tag("interop")
@ExtendWith(ApplicationExtension.class)
class ConnectionTestInteropTest {
    @TempDir
    Path dir;

    private SshTestbed testbed;
    private MainWindow window;
    private Workflows workflows;

    @Start
    void start(Stage stage) throws Exception {
        Interop.requireProgram("/usr/sbin/sshd");
        testbed = SshTestbed.start(dir.resolve("sshd"));
        Environment environment = testbed.environment();
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty());
        AppContext context = new AppContext(environment, new InventoryStore(environment.inventoryFile()),
                Preferences.open(environment.settingsFile()), new UiLanguage(Locale.ENGLISH), new ThemeSwitcher(false),
                new FxExecutors(BackgroundExecutors.pool("test-ui"), FxExecutors.FX));
        window = MainWindow.show(stage, context, uri -> { }, () -> { });
        LiveStatus live = LiveStatus.start(environment, window, 60);
        workflows = new Workflows(environment, window, live, url -> { }, text -> { });
        window.setActions(workflows);
    }

    @AfterEach
    void stop() throws Exception {
        if (workflows != null) {
            workflows.close();
        }
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void reportsAReachableServerAndAClosedPortInline(FxRobot robot) throws Exception {
        SshServer real = testbed.target("gpu1");
        robot.clickOn("#add-button");
        robot.clickOn("#name").write("gpu1");
        robot.clickOn("#host").write(real.host());
        robot.clickOn("#user").write(real.user());
        robot.clickOn("#port").write(String.valueOf(real.port()));
        robot.clickOn("#identity").write(real.identityFile());
        robot.clickOn("#test-connection");

        Label result = robot.lookup("#test-result").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> result.getText().startsWith("Connected to"));
        // The text is read from this thread as soon as the result is set; the style follows on the FX thread.
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(result.getStyleClass().contains("success"), result.getStyleClass().toString());

        // A port nobody listens on: the reason shows in red, and the dialog stays open for a fix.
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        robot.doubleClickOn("#port").eraseText(6).write(String.valueOf(closed));
        assertEquals("", result.getText(), "the old result goes away with the edit");
        robot.clickOn("#test-connection");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> result.getStyleClass().contains("danger"));
        assertTrue(result.getText().contains(String.valueOf(closed)), result.getText());
        robot.clickOn("#dialog-cancel");
    }
}
