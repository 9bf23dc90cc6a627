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

    @Start
    void start(Stage stage) {
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
}
