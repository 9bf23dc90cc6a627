package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.core.BackgroundExecutors;
import app.tether.inventory.HfSpace;
import app.tether.providers.Providers;
import app.tether.providers.StateCache;
import app.tether.tray.TrayBackend;
import app.tether.tray.TrayMenu;
import app.tether.watch.WatchEvents;
import app.tether.workflow.Lifecycle;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The tray's model (headless, Monocle): it rebuilds the menu when an action starts, and nothing once closed. */
@ExtendWith(ApplicationExtension.class)
class DesktopTrayTest {
    @TempDir
    Path dir;

    private final ExecutorService background = BackgroundExecutors.pool("desktop-tray-test");

    @Start
    void start(Stage stage) {
        // the tray needs no window; the extension starts the FX toolkit
    }

    @AfterEach
    void stopThreads() {
        background.shutdownNow();
    }

    @Test
    void aClosedTrayNoLongerFollowsTheActionsInFlight() throws Exception {
        ObservableList<TargetItem> items = FXCollections.observableArrayList(
                new TargetItem(new HfSpace("lab", "ada/lab", null, null, null, null)));
        FxExecutors executors = new FxExecutors(background, FxExecutors.FX);
        Lifecycle lifecycle = new Lifecycle(new Providers(), new StateCache(dir.resolve("state.json")));
        CloudActions cloud = new CloudActions(lifecycle, executors);
        DesktopTray tray = new DesktopTray(items, lifecycle, cloud, TargetActions.NONE, new DesktopTray.Host() {
            @Override
            public void showWindow() {
            }

            @Override
            public void quit() {
            }

            @Override
            public boolean confirmPauseAll(List<String> targets) {
                return false;
            }

            @Override
            public void failed(Throwable failure) {
            }
        });
        List<TrayMenu> shown = new CopyOnWriteArrayList<>();
        TrayBackend backend = new TrayBackend() {
            @Override
            public void show(TrayMenu menu) {
                shown.add(menu);
            }

            @Override
            public void close() {
            }
        };
        WaitForAsyncUtils.asyncFx(() -> tray.start(backend, new WatchEvents(),
                new SimpleObjectProperty<>(Locale.ENGLISH))).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, shown.size(), "the first menu");

        WaitForAsyncUtils.asyncFx(() -> cloud.running().put("lab", new ProgressModel(FxExecutors.FX))).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, shown.size(), "an action in flight rebuilds the menu");

        WaitForAsyncUtils.asyncFx(tray::close).get();
        WaitForAsyncUtils.asyncFx(() -> cloud.running().remove("lab")).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, shown.size(), "a closed tray hears no more of the actions");
    }
}
