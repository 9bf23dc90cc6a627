package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The progress dialog's ending and the log viewer, as the user sees them. */
@ExtendWith(ApplicationExtension.class)
class ProgressAndLogsDialogTest {
    private DialogService dialogs;

    @Start
    void start(Stage stage) {
        Messages.setLocale(Locale.ENGLISH);
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
        dialogs = new DialogService(stage, new UiLanguage(Locale.ENGLISH), uri -> { });
    }

    @Test
    void aFinishedFlowNoLongerSaysWaitingAndOffersTheAddressToCopy(FxRobot robot) throws Exception {
        ProgressModel progress = new ProgressModel(FxExecutors.FX);
        robot.interact(() -> dialogs.progress("ui.open.title", progress));
        progress.step(2, 4, "Waiting for Jupyter\u2026");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!robot.lookup("#progress-offer-row").query().isVisible(), "nothing to copy while it runs");

        progress.offer("http://127.0.0.1:8888/lab?token=abc");
        progress.finish(true, "The notebook is ready, but no browser could be opened.");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Done", robot.lookup("#progress-step").queryAs(Label.class).getText());
        assertEquals("http://127.0.0.1:8888/lab?token=abc", robot.lookup("#progress-offer").queryAs(TextField.class).getText());
        robot.clickOn("#progress-copy");
        assertEquals("http://127.0.0.1:8888/lab?token=abc", clipboard(robot));
        robot.clickOn("#progress-close");
    }

    private static String clipboard(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void logsWrapLongLinesAndOpenAtTheNewestLine(FxRobot robot) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            lines.add(i == 150 ? "Traceback: " + "x".repeat(2000) : "line " + i);
        }
        Platform.runLater(() -> dialogs.text("ui.jupyter.logs.title", "Last 300 lines", lines));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#text-view").tryQuery()
                .map(node -> node.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        TextArea area = robot.lookup("#text-view").queryAs(TextArea.class);
        assertTrue(area.isWrapText(), "long lines wrap");
        assertEquals(area.getLength(), area.getCaretPosition(), "the caret sits after the newest line");
        assertTrue(area.getScrollTop() > 0, "scrolled down to the newest line: " + area.getScrollTop());
        robot.interact(() -> area.getScene().getWindow().hide());
    }
}
