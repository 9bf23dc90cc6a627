package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.SshServer;
import app.tether.jupyter.SetupOptions;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Jupyter setup wizard as a user fills it in. */
@ExtendWith(ApplicationExtension.class)
class JupyterSetupDialogTest {
    private DialogService dialogs;

    private Stage owner;

    @AfterEach
    void resetLanguage() {
        app.tether.core.Messages.setLocale(Locale.ENGLISH);
    }

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
        dialogs = new DialogService(stage, new UiLanguage(Locale.ENGLISH), uri -> { });
    }

    @Test
    void aPasswordTypedTwiceEnablesOkAndReachesTheOptions(FxRobot robot) throws Exception {
        JupyterSetupViewModel wizard = new JupyterSetupViewModel(SshServer.ofHost("gpu1", "h", null, null, null, null), false);
        CompletableFuture<Boolean> accepted = new CompletableFuture<>();
        Platform.runLater(() -> accepted.complete(dialogs.form(View.JUPYTER_SETUP, wizard, "ui.jupyter.title",
                wizard.validProperty())));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#jupyter-use-password").tryQuery()
                .map(node -> node.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#jupyter-use-password");
        Button ok = robot.lookup("#dialog-ok").queryButton();
        assertTrue(ok.isDisabled());
        assertEquals("Use a password of at least 8 characters.", robot.lookup("#jupyter-error").queryAs(Label.class).getText());
        robot.clickOn("#jupyter-password").write("correct horse");
        robot.clickOn("#jupyter-password-again").write("correct hors");
        assertEquals("The two passwords differ.", robot.lookup("#jupyter-error").queryAs(Label.class).getText());
        assertTrue(ok.isDisabled());
        robot.write("e");
        assertFalse(ok.isDisabled());
        robot.clickOn("#jupyter-lsp");
        robot.clickOn("#dialog-ok");

        assertTrue(accepted.get(10, TimeUnit.SECONDS));
        SetupOptions options = wizard.toOptions();
        assertArrayEquals("correct horse".toCharArray(), options.password());
        assertTrue(options.extras().contains("lsp"));
    }

    @Test
    void noLabelOfTheWizardIsCutInEitherLanguage(FxRobot robot) throws Exception {
        for (Locale locale : java.util.List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            DialogService localized = new DialogService(owner, new UiLanguage(locale), uri -> { });
            JupyterSetupViewModel wizard = new JupyterSetupViewModel(SshServer.ofHost("gpu1", "h", null, null, null, null),
                    false);
            Platform.runLater(() -> localized.form(View.JUPYTER_SETUP, wizard, "ui.jupyter.title", wizard.validProperty()));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#jupyter-setup").tryQuery()
                    .map(node -> node.getScene().getWindow().isShowing()).orElse(false));
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.Parent root = robot.lookup("#jupyter-setup").query().getScene().getRoot();
            // A user may make the dialog narrower (and fonts differ between desktops): texts wrap, never cut.
            // (Tall enough that wrapped lines have room: this is about width.)
            robot.interact(() -> {
                root.getScene().getWindow().setWidth(460);
                root.getScene().getWindow().setHeight(900);
            });
            WaitForAsyncUtils.waitForFxEvents();
            java.util.List<String> cut = new java.util.ArrayList<>();
            robot.interact(() -> cut.addAll(CutText.under(root)));
            assertEquals(java.util.List.of(), cut, locale.toString());
            robot.interact(() -> robot.lookup("#dialog-cancel").queryButton().fire());
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
