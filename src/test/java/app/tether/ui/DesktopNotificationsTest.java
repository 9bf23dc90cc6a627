package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.settings.Preferences;
import app.tether.testing.EnglishMessages;
import app.tether.testing.PrivateSessionBus;
import app.tether.testing.RecordingNotificationServer;
import app.tether.tray.AwtTrayNotifier;
import app.tether.watch.DbusNotifier;
import app.tether.watch.EventResponses;
import app.tether.watch.WatchEvent;
import app.tether.watch.WatchEvents;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's choice of routes on a real (private) session bus: the desktop's notification server when one owns
 * the name, with the window's cards only while the window shows; without one, the tray balloon where there is a
 * tray, and the window's cards always.
 */
@ExtendWith(EnglishMessages.class)
@Timeout(60)
class DesktopNotificationsTest {
    @TempDir
    Path dir;
    private PrivateSessionBus bus;
    private Environment environment;
    private final WatchEvents events = new WatchEvents();
    private NoticeBoard board;
    private DesktopNotifications notifications;

    @BeforeEach
    void start() throws Exception {
        bus = PrivateSessionBus.start(dir.resolve("bus"));
        environment = UiFixture.environment(dir).withVariable("DBUS_SESSION_BUS_ADDRESS", bus.address());
        board = new NoticeBoard(nobody(), Runnable::run, Runnable::run);
    }

    @AfterEach
    void stop() throws Exception {
        if (notifications != null) {
            notifications.close();
        }
        bus.close();
    }

    private void startNotifications(boolean trayShown, BooleanSupplier windowShowing) {
        notifications = DesktopNotifications.start(environment, Preferences.open(environment.settingsFile()), events,
                nobody(), board, trayShown, windowShowing, BackgroundExecutors.direct());
    }

    private void publish(String target) {
        events.accept(new WatchEvent(Instant.now(), target, WatchEvent.Type.BUILD_FAILED, null, "Build failed."));
    }

    /** Waits for the board to show {@code count} notices (delivery runs on the notify thread). */
    private void awaitBoard(int count) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (board.notices().size() != count && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(count, board.notices().size());
    }

    @Test
    void withANotificationServerTheDesktopShowsThemAndTheHiddenWindowDoesNot() throws Exception {
        try (RecordingNotificationServer server = RecordingNotificationServer.start(bus.address())) {
            boolean[] showing = {false};
            startNotifications(true, () -> showing[0]);
            assertInstanceOf(DbusNotifier.class, notifications.routes().get(0));
            assertSame(board, notifications.routes().get(1));

            publish("space-a");
            publish("space-marker");
            publish("space-marker2");
            assertEquals("space-a: build failed", server.nextNotify().summary());
            assertEquals("space-marker: build failed", server.nextNotify().summary());
            // Delivery is in order: once marker2 reached the server, space-a and the first marker went past the
            // hidden window (marker2's own turn at the window may come after the window shows).
            assertEquals("space-marker2: build failed", server.nextNotify().summary());
            showing[0] = true;
            publish("space-b");
            assertEquals("space-b: build failed", server.nextNotify().summary());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (board.notices().stream().noneMatch(n -> n.target().equals("space-b")) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            List<String> onBoard = board.notices().stream().map(n -> n.target()).toList();
            assertTrue(onBoard.contains("space-b"), onBoard.toString());
            assertFalse(onBoard.contains("space-a") || onBoard.contains("space-marker"),
                    "notices sent while the window was hidden stay off it: " + onBoard);
        }
    }

    @Test
    void withoutANotificationServerTheTrayBalloonAndTheShowingWindowShowThem() throws Exception {
        startNotifications(true, () -> true);

        assertInstanceOf(AwtTrayNotifier.class, notifications.routes().get(0));
        assertSame(board, notifications.routes().get(1));
        publish("space-a");
        awaitBoard(1);
    }

    @Test
    void withNeitherTheWindowIsTheOnlyRouteEvenWhileHidden() throws Exception {
        environment = UiFixture.environment(dir).withVariable("DBUS_SESSION_BUS_ADDRESS", null);
        startNotifications(false, () -> false);

        assertEquals(1, notifications.routes().size());
        publish("space-a");
        awaitBoard(1);
        assertNotNull(board.notices().get(0).title());
        assertTrue(board.notices().get(0).title().contains("space-a"));
    }

    private static EventResponses nobody() {
        return new EventResponses() {
            @Override
            public void keepRunning(String target) {
            }

            @Override
            public void pauseNow(String target) {
            }

            @Override
            public void restart(String target) {
            }

            @Override
            public void open(String target) {
            }
        };
    }
}
