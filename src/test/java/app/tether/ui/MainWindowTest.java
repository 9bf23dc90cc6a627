package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.settings.Preferences;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window driven like a user would: headless (Monocle), on a temporary TETHER_HOME. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    Path dir;

    private Environment environment;
    private final List<String> openedUris = new ArrayList<>();
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        environment = UiFixture.environment(dir);
        Files.createDirectories(environment.sshDir());
        AppContext context = UiFixture.context(environment);
        context.themes().apply(Preferences.Theme.LIGHT);
        window = MainWindow.show(stage, context, openedUris::add, () -> { });
    }

    @AfterEach
    void resetLanguage() {
        Messages.setLocale(Locale.ENGLISH);
    }

    @Test
    void showsTheEmptyStateWithBothWaysToAddServers(FxRobot robot) {
        assertTrue(robot.lookup("#empty-state").query().isVisible());
        assertEquals("No servers yet", robot.lookup("#empty-state .title-3").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#empty-add").tryQuery().isPresent());
        assertEquals("Import from ~/.ssh/config", robot.lookup("#empty-import").queryButton().getText());
    }

    @Test
    void addsAServerThroughTheDialogAndShowsItInTheList(FxRobot robot) {
        robot.clickOn("#add-button");
        robot.clickOn("#name").write("Lab A100");
        robot.clickOn("#host").write("gpu.example.com");
        robot.clickOn("#user").write("ada");
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitForFxEvents();

        ListView<TargetItem> list = robot.lookup("#target-list").queryListView();
        assertEquals(1, list.getItems().size());
        assertEquals("Lab A100", list.getItems().get(0).name());
        assertEquals("ada@gpu.example.com", list.getItems().get(0).address());
        assertFalse(robot.lookup("#empty-state").query().isVisible());
        Inventory saved = new InventoryStore(environment.inventoryFile()).load();
        assertEquals("gpu.example.com", ((SshServer) saved.require("Lab A100")).host());
    }

    @Test
    void showsValidationMessagesNextToFieldsAndKeepsOkDisabledUntilValid(FxRobot robot) {
        robot.clickOn("#add-button");
        assertFalse(label(robot, "#error-name").isVisible(), "no red text before anything is typed");
        assertFalse(label(robot, "#error-host").isVisible());
        robot.clickOn("#dialog-ok");
        assertTrue(robot.lookup("#server-editor").tryQuery().isPresent(), "OK on an empty form keeps the dialog");
        assertEquals("Enter a name.", label(robot, "#error-name").getText());
        assertTrue(label(robot, "#error-name").isVisible());
        robot.clickOn("#dialog-cancel");

        robot.clickOn("#add-button");
        robot.clickOn("#name").write("box");
        robot.clickOn("#host").write("box.example.com");
        robot.clickOn("#port").write("70000");
        assertEquals("The port must be a number from 1 to 65535.", label(robot, "#error-port").getText());
        assertFalse(label(robot, "#error-name").isVisible());
        assertFalse(label(robot, "#error-identity").isVisible());

        robot.clickOn("#identity").write("~/.ssh/missing_key");
        assertEquals("This key file does not exist.", label(robot, "#error-identity").getText());

        robot.doubleClickOn("#port").eraseText(5).write("2222");
        robot.clickOn("#identity").eraseText(40);
        assertFalse(label(robot, "#error-port").isVisible());
        assertFalse(label(robot, "#error-identity").isVisible());
        robot.clickOn("#dialog-cancel");
    }

    @Test
    void rejectsADuplicateName(FxRobot robot) {
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty().add(SshServer.ofHost("gpu1", "h", null,
                null, null, null)));
        robot.type(KeyCode.F5);
        robot.clickOn("#add-button");
        robot.clickOn("#name").write("gpu1");
        assertEquals("This name is already used.", label(robot, "#error-name").getText());
        robot.clickOn("#dialog-ok");
        assertTrue(robot.lookup("#server-editor").tryQuery().isPresent(), "a duplicate is not saved");
        robot.clickOn("#dialog-cancel");
    }

    @Test
    void switchingLanguageInSettingsChangesVisibleTexts(FxRobot robot) {
        assertEquals("Add server", robot.lookup("#add-button").queryButton().getText());
        robot.clickOn("#settings-button");
        ComboBox<Preferences.Language> language = robot.lookup("#language").queryComboBox();
        robot.interact(() -> language.setValue(Preferences.Language.CHINESE));
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("添加服务器", robot.lookup("#add-button").queryButton().getText());
        assertEquals("还没有服务器", robot.lookup("#empty-state .title-3").queryAs(Label.class).getText());
        assertEquals("Tether", window.stage().getTitle());
        assertEquals(Preferences.Language.CHINESE, Preferences.open(environment.settingsFile()).language());
    }

    @Test
    void settingsKeepTheInstanceRunningAndStartItAtLogin(FxRobot robot) throws Exception {
        robot.clickOn("#settings-button");
        robot.clickOn("#keepRunning");
        robot.clickOn("#startAtLogin");
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitForFxEvents();
        Path entry = environment.userHome().resolve(".config/autostart/tether-instance.desktop");
        for (int i = 0; i < 100 && !Files.exists(entry); i++) {
            Thread.sleep(50); // written off the FX thread
        }
        assertEquals("true", Preferences.open(environment.settingsFile()).get("instance.keepRunning", "false"));
        assertTrue(Files.readString(entry).contains(" app.tether.Main instance run\n"), Files.readString(entry));

        robot.clickOn("#settings-button");
        robot.clickOn("#startAtLogin");
        robot.clickOn("#dialog-ok");
        for (int i = 0; i < 100 && Files.exists(entry); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.notExists(entry), "turned off again");
    }

    @Test
    void removesAServerOnlyAfterConfirmation(FxRobot robot) {
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty()
                .add(SshServer.ofHost("gpu1", "one.example.com", null, null, null, null))
                .add(SshServer.ofHost("gpu2", "two.example.com", null, null, null, null)));
        robot.type(KeyCode.F5);
        ListView<TargetItem> list = robot.lookup("#target-list").queryListView();
        assertEquals(2, list.getItems().size());

        robot.clickOn(robot.lookup(".target-name").lookup((Label l) -> "gpu1".equals(l.getText())).queryAs(Node.class));
        robot.type(KeyCode.DELETE);
        robot.clickOn(robot.lookup(".dialog-pane .button").lookup((Button b) -> "Cancel".equals(b.getText()))
                .queryButton());
        assertEquals(2, list.getItems().size());

        robot.type(KeyCode.DELETE);
        robot.clickOn("#confirm-ok");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("gpu2"), list.getItems().stream().map(TargetItem::name).toList());
        assertFalse(new InventoryStore(environment.inventoryFile()).load().contains("gpu1"));
    }

    @Test
    void aStatusRefreshKeepsTheFocusOnTheDetailPanesButton(FxRobot robot) {
        robot.interact(() -> window.setActions(new TargetActions() {
            @Override
            public boolean canConnect() {
                return true;
            }
        }));
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty()
                .add(SshServer.ofHost("gpu1", "one.example.com", null, null, null, null)));
        robot.type(KeyCode.F5);
        robot.clickOn(robot.lookup(".target-name").lookup((Label l) -> "gpu1".equals(l.getText())).queryAs(Node.class));
        robot.interact(() -> robot.lookup("#jupyter-setup-button").queryButton().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("jupyter-setup-button", focusedId());

        // The pane is rebuilt for every status; the Jupyter buttons are new nodes afterwards.
        robot.interact(() -> window.model().applyStatus(app.tether.probe.ServerStatus.unreachable("gpu1",
                java.time.Instant.now(), app.tether.probe.Reachability.OFFLINE, "Connection refused")));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("Connection refused", robot.lookup("#status-error").queryAs(Label.class).getText());
        assertEquals("jupyter-setup-button", focusedId());
    }

    private String focusedId() {
        Node owner = window.stage().getScene().getFocusOwner();
        return owner == null ? null : owner.getId();
    }

    @Test
    void followsChangesMadeByTheCliToTheInventoryFile(FxRobot robot) throws Exception {
        AutoCloseable[] watch = new AutoCloseable[1];
        robot.interact(() -> watch[0] = window.followStoreChanges());
        try {
            // Another InventoryStore on the same file stands for `tether add` in another process.
            new InventoryStore(environment.inventoryFile()).update(inventory -> inventory.add(
                    SshServer.ofHost("from-cli", "cli.example.com", null, null, null, null)));
            org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> window.model().items().stream().anyMatch(item -> "from-cli".equals(item.name())));
        } finally {
            watch[0].close();
        }
    }

    @Test
    void aDamagedInventoryIsReportedWithItsNameAndLeftUntouched(FxRobot robot) throws Exception {
        Files.createDirectories(environment.home());
        Files.writeString(environment.inventoryFile(), "{ not json", StandardCharsets.UTF_8);
        robot.type(KeyCode.F5);

        assertTrue(robot.lookup("#store-problem").query().isVisible());
        assertTrue(label(robot, "#store-problem-text").getText().contains(environment.inventoryFile().toString()));
        assertTrue(robot.lookup("#add-button").queryButton().isDisabled());
        robot.clickOn("#open-folder");
        assertEquals(List.of(environment.home().toUri().toString()), openedUris);
        assertEquals("{ not json", Files.readString(environment.inventoryFile()));
    }

    @Test
    void importsHostAliasesFromTheSshConfig(FxRobot robot) throws Exception {
        Files.writeString(environment.sshConfig(), "Host lab\n  HostName 10.0.0.5\nHost *.internal\n  User x\n");
        robot.clickOn("#empty-import");
        robot.clickOn(robot.lookup(".dialog-pane .button").queryButton());
        ListView<TargetItem> list = robot.lookup("#target-list").queryListView();
        assertEquals(List.of("lab"), list.getItems().stream().map(TargetItem::name).toList());
    }

    @Test
    void searchFiltersTheList(FxRobot robot) {
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty()
                .add(SshServer.ofHost("gpu1", "one.example.com", null, null, null, null))
                .add(SshServer.ofHost("cpu box", "two.example.com", null, null, null, null)));
        robot.type(KeyCode.F5);
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("two.");
        ListView<TargetItem> list = robot.lookup("#target-list").queryListView();
        assertEquals(List.of("cpu box"), list.getItems().stream().map(TargetItem::name).toList());
        robot.write("zzz");
        assertTrue(robot.lookup("#no-matches").query().isVisible());
    }

    @Test
    void keyboardShortcutsOpenTheAddDialogAndTheSettings(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        assertTrue(robot.lookup("#server-editor").tryQuery().isPresent());
        robot.type(KeyCode.ESCAPE);
        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        assertTrue(robot.lookup("#settings").tryQuery().isPresent());
        robot.clickOn("#dialog-cancel");
        assertFalse(robot.lookup("#server-editor").tryQuery().isPresent());
    }

    @Test
    void remembersWhereTheWindowWas(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.stage().setX(40);
            window.stage().setY(30);
            window.stage().setWidth(900);
            window.stage().setHeight(640);
        });
        window.rememberPlacement().get(10, java.util.concurrent.TimeUnit.SECONDS);
        Preferences.WindowBounds bounds = Preferences.open(environment.settingsFile()).windowBounds();
        assertEquals(new Preferences.WindowBounds(40, 30, 900, 640, false), bounds);
    }

    @Test
    void theDarkThemeIsAtlantaFxPrimerDark(FxRobot robot) {
        ThemeSwitcher themes = new ThemeSwitcher(true);
        robot.interact(() -> themes.apply(Preferences.Theme.SYSTEM));
        assertTrue(themes.darkProperty().get());
        assertTrue(javafx.application.Application.getUserAgentStylesheet().contains("primer-dark"));
        robot.interact(() -> themes.apply(Preferences.Theme.LIGHT));
        assertTrue(javafx.application.Application.getUserAgentStylesheet().contains("primer-light"));
    }

    private static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }
}
