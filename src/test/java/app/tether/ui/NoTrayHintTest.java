package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.testing.Interop;
import app.tether.testing.PrivateBus;
import app.tether.tray.TrayBackend;
import app.tether.tray.TrayChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A Linux desktop without any tray (here: Monocle, no XEmbed tray, a session bus without a StatusNotifierWatcher):
 * Tether finds none and says so once in the window, naming the GNOME extension.
 */
@ExtendWith(ApplicationExtension.class)
class NoTrayHintTest {
    @TempDir
    Path dir;

    private Stage stage;
    private DialogService dialogs;
    private FxExecutors executors;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Environment environment = UiFixture.environment(dir);
        AppContext context = UiFixture.context(environment);
        MainWindow window = MainWindow.show(stage, context, uri -> { }, () -> { });
        dialogs = window.dialogs();
        executors = context.executors();
    }

    @AfterEach
    void english() {
        Messages.setLocale(Locale.ENGLISH);
    }

    @Test
    void withNoTrayTheHintNamesTheExtensionOnceInBothLanguages(FxRobot robot) throws Exception {
        Interop.requireThat(TrayChoice.linux(), "the no-tray path is Linux's");
        Interop.requireProgram(PrivateBus.DBUS_DAEMON);
        try (PrivateBus bus = PrivateBus.start(Map.of())) {
            Environment desktop = new Environment(dir.resolve("home"), dir.resolve("user"))
                    .withVariable("DBUS_SESSION_BUS_ADDRESS", bus.address());
            CompletableFuture<Optional<TrayBackend>> chosen = WaitForAsyncUtils.asyncFx(
                    () -> TrayChoice.choose(stage, desktop, () -> { }, executors.background())).get(10, TimeUnit.SECONDS);
            assertTrue(chosen.get(20, TimeUnit.SECONDS).isEmpty(), "no watcher on the bus and no XEmbed tray: no tray");
        }

        Path marker = dir.resolve("home/tray-hint-shown");
        Messages.setLocale(Messages.CHINESE);
        // Not waited for: the hint is a modal dialog, and the fixture runs background work on the FX thread.
        java.util.concurrent.Future<CompletableFuture<Boolean>> first = WaitForAsyncUtils.asyncFx(
                () -> NoTrayHint.showOnce(marker, executors, dialogs));
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(pane.getContentText().contains("\"AppIndicator and KStatusNotifierItem Support\""),
                pane.getContentText());
        assertTrue(pane.getContentText().startsWith("此桌面不显示托盘图标"), pane.getContentText());
        robot.clickOn(Messages.get("ui.button.close"));
        assertTrue(first.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS));
        assertTrue(Files.exists(marker));

        Messages.setLocale(Locale.ENGLISH);
        CompletableFuture<Boolean> second = WaitForAsyncUtils.asyncFx(() -> NoTrayHint.showOnce(marker, executors,
                dialogs)).get(10, TimeUnit.SECONDS);
        assertEquals(false, second.get(10, TimeUnit.SECONDS), "shown once, not at every start");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "no second hint");
    }
}
