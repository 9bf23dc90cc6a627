package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.probe.Reachability;
import app.tether.probe.ServerStatus;
import app.tether.settings.Preferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The detail pane in the narrowest window, with a server whose host key is not trusted yet (its most crowded state). */
@ExtendWith(ApplicationExtension.class)
class DetailPaneLayoutTest {
    @TempDir
    Path dir;

    private MainWindow window;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        Environment environment = UiFixture.environment(dir);
        Files.createDirectories(environment.sshDir());
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty()
                .add(SshServer.ofHost("Old V100 box", "10.0.3.17", "ml", null, null, "ada@bastion.example.edu")));
        context = UiFixture.context(environment);
        context.themes().apply(Preferences.Theme.LIGHT);
        window = MainWindow.show(stage, context, uri -> { }, () -> { });
        window.setActions(new TargetActions() {
            @Override
            public boolean canConnect() {
                return true;
            }
        });
    }

    @AfterEach
    void resetLanguage() {
        Messages.setLocale(Locale.ENGLISH);
    }

    @Test
    void noTextInTheDetailPaneIsCutAtTheMinimumWindowWidth(FxRobot robot) {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            untrustedServerInNarrowWindow(robot, locale);
            Parent pane = robot.lookup("#detail-pane").queryAs(Parent.class);
            List<String> cut = new java.util.ArrayList<>();
            robot.interact(() -> cut.addAll(CutText.under(pane)));
            assertEquals(List.of(), cut, locale + ": cut texts");
            assertTrue(robot.lookup("#detail-trust-key").queryButton().isVisible(), locale.toString());
        }
    }

    @Test
    void theHostKeyMessageNamesTheButtonThatTrustsTheKey(FxRobot robot) {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            untrustedServerInNarrowWindow(robot, locale);
            String button = robot.lookup("#detail-trust-key").queryButton().getText();
            String message = robot.lookup("#status-error").queryAs(Label.class).getText();
            assertTrue(message.contains("\u201c" + button + "\u201d"), locale + ": " + message);
            assertTrue(!message.contains("--accept-new-host-key"), message);
        }
    }

    @Test
    void editAndRemoveSitInTheMoreMenu(FxRobot robot) {
        untrustedServerInNarrowWindow(robot, Locale.ENGLISH);
        MenuButton more = robot.lookup("#detail-more").queryAs(MenuButton.class);
        assertEquals(List.of("Open in PyCharm / JetBrains", "Edit", "Remove"),
                more.getItems().stream().filter(MenuItem::isVisible).map(MenuItem::getText).toList());
        Button connect = robot.lookup("#detail-connect").queryButton();
        assertEquals("Connect", connect.getText());
        assertTrue(!connect.isDisabled());
    }

    private void untrustedServerInNarrowWindow(FxRobot robot, Locale locale) {
        robot.interact(() -> {
            context.language().setLocale(locale);
            window.stage().setWidth(window.stage().getMinWidth());
            window.stage().setHeight(window.stage().getMinHeight());
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            TargetItem item = window.model().items().get(0);
            window.model().selectedProperty().set(item);
            item.apply(ServerStatus.unreachable(item.name(), Instant.now(), Reachability.HOST_KEY_UNKNOWN,
                    "The host key of 10.0.3.17:22 is not known yet (ssh-ed25519 SHA256:abc). If that fingerprint is "
                            + "right, run again with --accept-new-host-key to trust it."));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
