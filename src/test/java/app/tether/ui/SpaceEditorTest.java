package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.HfSpace;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.settings.Preferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Adding and editing a Hugging Face Space through the window's Add dialog, headless. */
@ExtendWith(ApplicationExtension.class)
class SpaceEditorTest {
    @TempDir
    Path dir;

    private Environment environment;

    @Start
    void start(Stage stage) throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        environment = UiFixture.environment(dir);
        Files.createDirectories(environment.sshDir());
        AppContext context = UiFixture.context(environment);
        context.themes().apply(Preferences.Theme.LIGHT);
        MainWindow.show(stage, context, uri -> { }, () -> { });
    }

    @AfterEach
    void resetLanguage() {
        Messages.setLocale(Locale.ENGLISH);
    }

    @Test
    void addsASpaceByItsIdAndShowsItWaitingForItsState(FxRobot robot) {
        robot.clickOn("#add-button");
        robot.clickOn("#add-kind-hf");
        robot.clickOn("#space-name").write("Notebook");
        robot.clickOn("#space-id").write("ada/not a space");
        assertEquals("Not a Space id: use OWNER/SPACE with letters, digits, \"-\", \"_\" or \".\" (no \"--\" or \"..\").",
                robot.lookup("#space-id-error").queryAs(Label.class).getText());
        robot.clickOn("#dialog-ok");
        assertTrue(robot.lookup("#space-id").tryQuery().isPresent(), "OK on an invalid Space id keeps the dialog open");
        assertTrue(new InventoryStore(environment.inventoryFile()).load().targets().isEmpty());
        robot.doubleClickOn("#space-id").eraseText(20).write("ada/jupyterlab");
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitForFxEvents();

        HfSpace saved = (HfSpace) new InventoryStore(environment.inventoryFile()).load().require("Notebook");
        assertEquals("ada/jupyterlab", saved.spaceId());
        ListView<TargetItem> list = robot.lookup("#target-list").queryListView();
        assertEquals("ada/jupyterlab", list.getItems().get(0).address());
        assertEquals("State not known yet", robot.lookup(".gpu-summary").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#cloud-waiting").tryQuery().isPresent(), "the detail pane says the state is coming");
    }

    @Test
    void editsASpaceKeepingWhatTheFormDoesNotShow(FxRobot robot) {
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty().add(
                new HfSpace("Notebook", "ada/jupyterlab", "t4-small", List.of("hf"), "", null)));
        robot.type(javafx.scene.input.KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(".target-name");
        robot.clickOn("#detail-more");
        robot.clickOn("#detail-edit");
        robot.doubleClickOn("#space-id").eraseText(20).write("ada/lab2");
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitForFxEvents();

        HfSpace saved = (HfSpace) new InventoryStore(environment.inventoryFile()).load().require("Notebook");
        assertEquals("ada/lab2", saved.spaceId());
        assertEquals("t4-small", saved.hardware());
        assertEquals(List.of("hf"), saved.tags());
    }

    @Test
    void spaceIdsFollowTheHubRules() {
        assertNull(SpaceEditorViewModel.checkSpace("SpacesExamples/jupyterlab"));
        assertNull(SpaceEditorViewModel.checkSpace(" ada/my_space.v2 "));
        assertEquals("ui.hf.editor.space.empty", SpaceEditorViewModel.checkSpace(""));
        for (String bad : List.of("jupyterlab", "ada/", "/lab", "ada/lab/x", "ada/la--b", "ada/lab.", "-ada/lab",
                "ada/l..ab", "ada/lab space")) {
            assertEquals("ui.hf.editor.space.invalid", SpaceEditorViewModel.checkSpace(bad), bad);
        }
    }

    @Test
    void aDuplicateNameIsRefused() {
        SpaceEditorViewModel editor = new SpaceEditorViewModel(Inventory.empty().add(
                new HfSpace("Notebook", "ada/jupyterlab", null, null, null, null)), null);
        editor.nameProperty().set(" Notebook ");
        editor.spaceIdProperty().set("ada/other");
        assertEquals("validation.name.duplicate", editor.nameErrorProperty().get());
        assertFalse(editor.validProperty().get());
    }
}
