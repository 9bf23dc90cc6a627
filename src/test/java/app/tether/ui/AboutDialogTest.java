package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.Version;
import app.tether.core.Environment;
import app.tether.core.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Help → About and the tunnels entry of the menu, through the window's menu bar. */
@ExtendWith(ApplicationExtension.class)
class AboutDialogTest {
    @TempDir
    Path dir;

    private final List<String> opened = new ArrayList<>();
    private Environment environment;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        environment = UiFixture.environment(dir);
        Files.createDirectories(environment.sshDir());
        context = UiFixture.context(environment);
        MainWindow.show(stage, context, opened::add, () -> { });
    }

    @AfterEach
    void resetLanguage() {
        Messages.setLocale(Locale.ENGLISH);
    }

    @Test
    void aboutShowsTheVersionAndOpensTheLicenceAndTheLogsFolder(FxRobot robot) {
        robot.clickOn("Help");
        robot.clickOn("About Tether");
        assertEquals("Version " + Version.current(), robot.lookup("#about-version").queryAs(Label.class).getText());
        robot.clickOn("#about-license");
        robot.clickOn("#about-logs");
        assertEquals(List.of("https://www.apache.org/licenses/LICENSE-2.0", environment.logsDir().toUri().toString()),
                opened);
        robot.clickOn("#dialog-close");
    }

    @Test
    void noTextOfTheAboutDialogIsCutInEitherLanguage(FxRobot robot) {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            robot.interact(() -> context.language().setLocale(locale));
            robot.clickOn(locale == Locale.ENGLISH ? "Help" : "帮助");
            robot.clickOn(locale == Locale.ENGLISH ? "About Tether" : "关于 Tether");
            WaitForAsyncUtils.waitForFxEvents();
            Parent root = robot.lookup("#about-view").query().getScene().getRoot();
            List<String> cut = new ArrayList<>();
            robot.interact(() -> cut.addAll(CutText.under(root)));
            assertEquals(List.of(), cut, locale.toString());
            assertTrue(robot.lookup("#about-version").queryAs(Label.class).getText().contains(Version.current()));
            robot.clickOn("#dialog-close");
        }
    }
}
