package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.settings.Preferences;
import app.tether.testing.CliRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's {@code cnb init} wizard (headless), opened from the File menu: its preview is what
 * {@code tether cnb init} writes (the CLI's golden files, and the CLI run on a second folder), a different existing
 * file is only replaced after "Overwrite" (and then backed up), and bad input is shown under its field.
 */
@ExtendWith(ApplicationExtension.class)
class CnbInitWizardTest {
    @TempDir
    Path dir;

    private Environment environment;

    @Start
    void start(Stage stage) throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        environment = UiFixture.environment(dir);
        Files.createDirectories(environment.sshDir());
        InventoryStore store = new InventoryStore(environment.inventoryFile());
        store.save(Inventory.empty());
        AppContext context = new AppContext(environment, store, Preferences.open(environment.settingsFile()),
                new UiLanguage(Locale.ENGLISH), new ThemeSwitcher(false),
                new FxExecutors(BackgroundExecutors.pool("cnb-init-test"), FxExecutors.FX));
        context.themes().apply(Preferences.Theme.LIGHT);
        MainWindow.show(stage, context, uri -> { }, () -> { });
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> new ArrayList<>(Window.getWindows()).stream().filter(w -> w instanceof Stage
                && ((Stage) w).getOwner() != null).forEach(w -> ((Stage) w).close()));
        Messages.setLocale(Locale.ENGLISH);
    }

    private void openWizard(FxRobot robot) throws Exception {
        robot.clickOn("File");
        robot.clickOn("#menu-cnb-init");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#cnb-init-folder").tryQuery().isPresent()));
    }

    private static void set(FxRobot robot, String query, String text) {
        robot.interact(() -> robot.lookup(query).queryAs(TextField.class).setText(text));
    }

    @ParameterizedTest
    @CsvSource({"default,default,,false,false", "l40-jupyter-mirror,L40,,true,true",
        "h20-image,H20,pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime,false,false"})
    void thePreviewIsWhatTheCliWritesAndOkWritesExactlyThat(String variant, String gpu, String image, boolean jupyter,
            boolean mirror, FxRobot robot) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        openWizard(robot);
        set(robot, "#cnb-init-folder", repo.toString());
        robot.interact(() -> {
            robot.lookup("#cnb-init-gpu").queryAs(ComboBox.class).getSelectionModel().select(gpu);
            robot.lookup("#cnb-init-jupyter").queryAs(CheckBox.class).setSelected(jupyter);
            robot.lookup("#cnb-init-mirror").queryAs(CheckBox.class).setSelected(mirror);
        });
        if (image != null) {
            set(robot, "#cnb-init-image", image);
        }
        String yml = onFx(() -> robot.lookup("#cnb-init-preview-yml").queryAs(TextArea.class).getText());
        String dockerfile = onFx(() -> robot.lookup("#cnb-init-preview-dockerfile").queryAs(TextArea.class).getText());
        assertEquals(golden(variant, "cnb.yml"), yml);
        assertEquals(golden(variant, "Dockerfile"), dockerfile);

        // The CLI with the same choices writes the same bytes.
        Path cliRepo = Files.createDirectories(dir.resolve("cli-repo"));
        List<String> args = new ArrayList<>(List.of("cnb", "init", cliRepo.toString(), "--gpu", gpu));
        if (image != null) {
            args.addAll(List.of("--image", image));
        }
        if (jupyter) {
            args.add("--jupyter");
        }
        if (mirror) {
            args.add("--hf-mirror");
        }
        CliRunner cli = CliRunner.of(environment);
        assertEquals(0, cli.run(args.toArray(String[]::new)), cli.err());
        assertEquals(yml, Files.readString(cliRepo.resolve(".cnb.yml")));
        assertEquals(dockerfile, Files.readString(cliRepo.resolve(".ide/Dockerfile")));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> !robot.lookup("#dialog-ok").queryButton().isDisabled()));
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(repo.resolve(".ide/Dockerfile")));
        assertEquals(yml, Files.readString(repo.resolve(".cnb.yml")));
        assertEquals(dockerfile, Files.readString(repo.resolve(".ide/Dockerfile")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> dialogText(robot) != null));
        assertTrue(onFx(() -> dialogText(robot)).startsWith("Created " + repo.resolve(".cnb.yml")), onFx(() -> dialogText(robot)));
    }

    @Test
    void aDifferentExistingFileIsReplacedOnlyAfterChoosingOverwriteAndIsBackedUp(FxRobot robot) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve(".cnb.yml"), "# my own pipeline\n");
        openWizard(robot);
        set(robot, "#cnb-init-folder", repo.toString());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#cnb-init-conflicts").query().isVisible()));
        assertEquals("These files exist and differ from the preview: .cnb.yml. They are kept unless you choose to "
                + "overwrite them.", onFx(() -> robot.lookup("#cnb-init-conflict").queryAs(Label.class).getText()));
        assertTrue(onFx(() -> robot.lookup("#dialog-ok").queryButton().isDisabled()), "OK waits for the choice");

        robot.clickOn("#cnb-init-overwrite");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> !robot.lookup("#dialog-ok").queryButton().isDisabled()));
        String preview = onFx(() -> robot.lookup("#cnb-init-preview-yml").queryAs(TextArea.class).getText());
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(repo.resolve(".cnb.yml.tether-backup")));
        assertEquals("# my own pipeline\n", Files.readString(repo.resolve(".cnb.yml.tether-backup")));
        assertEquals(preview, Files.readString(repo.resolve(".cnb.yml")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> dialogText(robot) != null));
        assertTrue(onFx(() -> dialogText(robot)).contains("Replaced " + repo.resolve(".cnb.yml") + " (the old one is "
                + repo.resolve(".cnb.yml.tether-backup") + ")"), onFx(() -> dialogText(robot)));
    }

    @Test
    void filesEqualToThePreviewNeedNoOverwriteAndCancelWritesNothing(FxRobot robot) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve(".cnb.yml"), "# my own pipeline\n");
        openWizard(robot);
        set(robot, "#cnb-init-folder", repo.toString());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#cnb-init-conflicts").query().isVisible()));
        robot.clickOn("#dialog-cancel");
        assertEquals("# my own pipeline\n", Files.readString(repo.resolve(".cnb.yml")));
        assertFalse(Files.exists(repo.resolve(".ide")));

        // A folder already made ready (by the CLI) is no conflict: nothing to overwrite, nothing changes.
        Path ready = Files.createDirectories(dir.resolve("ready"));
        CliRunner cli = CliRunner.of(environment);
        assertEquals(0, cli.run("cnb", "init", ready.toString(), "--jupyter"), cli.err());
        openWizard(robot);
        set(robot, "#cnb-init-folder", ready.toString());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> !robot.lookup("#dialog-ok").queryButton().isDisabled()));
        assertFalse(onFx(() -> robot.lookup("#cnb-init-conflicts").query().isVisible()));
    }

    @Test
    void badInputIsShownUnderItsFieldAndKeepsOkOff(FxRobot robot) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        openWizard(robot);
        assertEquals("Choose the folder of your repository.", errorText(robot, "#cnb-init-folder-error"));
        set(robot, "#cnb-init-folder", dir.resolve("no-such-folder").toString());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "There is no such folder.".equals(onFx(() -> errorText(robot, "#cnb-init-folder-error"))));
        set(robot, "#cnb-init-folder", "relative/path");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "Give the full path (starting with /).".equals(onFx(() -> errorText(robot, "#cnb-init-folder-error"))));
        set(robot, "#cnb-init-folder", repo.toString());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> errorText(robot, "#cnb-init-folder-error")) == null);

        set(robot, "#cnb-init-image", "nvidia/cuda:12 ; rm -rf /");
        assertEquals("Not an image reference (e.g. nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04).",
                errorText(robot, "#cnb-init-image-error"));
        assertTrue(onFx(() -> robot.lookup("#dialog-ok").queryButton().isDisabled()));
        set(robot, "#cnb-init-image", "nvidia/cuda:12.6.0-devel-ubuntu22.04");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> !robot.lookup("#dialog-ok").queryButton().isDisabled()));
        assertTrue(onFx(() -> robot.lookup("#cnb-init-preview-dockerfile").queryAs(TextArea.class).getText())
                .contains("FROM nvidia/cuda:12.6.0-devel-ubuntu22.04\n"));
        assertEquals(null, errorText(robot, "#cnb-init-image-error"));
    }

    /** The visible error under a field; null when none is shown. */
    private static String errorText(FxRobot robot, String query) {
        return onFx(() -> {
            Label label = robot.lookup(query).queryAs(Label.class);
            return label.isVisible() ? label.getText() : null;
        });
    }

    private static String golden(String variant, String file) throws IOException {
        try (InputStream in = CnbInitWizardTest.class.getResourceAsStream(
                "/app/tether/providers/cnb/init/" + variant + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The text of the information dialog on screen; null when none. */
    private static String dialogText(FxRobot robot) {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null)
                .map(w -> w.getScene().getRoot().lookup(".dialog-pane .content"))
                .filter(node -> node instanceof Label).map(node -> ((Label) node).getText()).findFirst().orElse(null);
    }

    private static <T> T onFx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
