package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** SSH questions asked from a background thread, answered in dialogs on the FX thread. */
@ExtendWith(ApplicationExtension.class)
class SshPromptDialogsTest {
    private static final String FINGERPRINT = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";

    private final ExecutorService sshThread = BackgroundExecutors.pool("test-ssh");
    private FxSshPrompts prompts;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
        prompts = new FxSshPrompts(new DialogService(stage, new UiLanguage(Locale.ENGLISH), uri -> { }));
    }

    @AfterEach
    void stop() {
        sshThread.shutdownNow();
    }

    private <T> CompletableFuture<T> fromSshThread(java.util.function.Supplier<T> question) {
        return CompletableFuture.supplyAsync(() -> {
            try (FxSshPrompts.Scope asking = prompts.interactive()) {
                return question.get();
            }
        }, sshThread);
    }

    /** Waits until the dialog holding {@code query} is on screen. */
    private static void waitShown(FxRobot robot, String query) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery()
                .map(node -> node.getScene() != null && node.getScene().getWindow().isShowing() && node.isVisible())
                .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void showsTheFingerprintAndDeniesByDefault(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = fromSshThread(() -> prompts.trustNewHostKey("[gpu1]:2222", "ssh-ed25519",
                FINGERPRINT));
        waitShown(robot, "#host-key-fingerprint");
        assertFalse(answer.isDone(), "the SSH thread waits for the user");
        assertEquals(FINGERPRINT, robot.lookup("#host-key-fingerprint").queryAs(TextField.class).getText());
        Button deny = robot.lookup("#host-key-deny").queryButton();
        assertTrue(deny.isDefaultButton());
        robot.type(KeyCode.ENTER);
        assertFalse(answer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void trustsWhenTheUserSaysSo(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = fromSshThread(() -> prompts.trustNewHostKey("gpu1", "ecdsa-sha2-nistp256",
                FINGERPRINT));
        waitShown(robot, "#host-key-trust");
        robot.clickOn("#host-key-trust");
        assertTrue(answer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void passesThePassphraseTypedInTheDialog(FxRobot robot) throws Exception {
        CompletableFuture<Optional<char[]>> answer = fromSshThread(() -> prompts.passphrase("~/.ssh/id_ed25519"));
        waitShown(robot, "#secret");
        robot.clickOn("#secret").write("s3cret pass");
        robot.type(KeyCode.ENTER);
        assertArrayEquals("s3cret pass".toCharArray(), answer.get(10, TimeUnit.SECONDS).orElseThrow());
    }

    @Test
    void refusesWithoutAskingOutsideAnInteractiveAction() throws Exception {
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(
                () -> prompts.trustNewHostKey("gpu1", "ssh-ed25519", FINGERPRINT), sshThread);
        assertFalse(answer.get(10, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), CompletableFuture.supplyAsync(() -> prompts.passphrase("k"), sshThread)
                .get(10, TimeUnit.SECONDS));
    }
}
