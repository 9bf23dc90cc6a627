package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.settings.Preferences;
import app.tether.testing.EnglishMessages;
import app.tether.testing.PrivateSessionBus;
import app.tether.testing.RecordingNotificationServer;
import app.tether.testing.RecordingNotificationServer.Notified;
import app.tether.testing.RecordingResponses;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notices through a real dbus-daemon (a private session bus) to a notification server following the Desktop
 * Notifications Specification, exported on that bus: what Notify carries, in-place countdown updates, buttons
 * pressed reaching {@link EventResponses}, Settings switches, and the way out when there is no server.
 */
@ExtendWith(EnglishMessages.class)
@Timeout(60)
class DbusNotifierInteropTest {
    @TempDir
    Path dir;
    private PrivateSessionBus bus;
    private RecordingNotificationServer server;
    private final RecordingResponses responses = new RecordingResponses();
    private Preferences preferences;
    private NoticeDispatch dispatch;
    private DbusNotifier notifier;

    @BeforeEach
    void startBus() throws Exception {
        bus = PrivateSessionBus.start(dir.resolve("bus"));
        preferences = Preferences.open(dir.resolve("settings.properties"));
    }

    @AfterEach
    void stop() throws Exception {
        if (dispatch != null) {
            dispatch.close();
        }
        if (server != null) {
            server.close();
        }
        bus.close();
    }

    private void connect() throws Exception {
        server = RecordingNotificationServer.start(bus.address());
        notifier = DbusNotifier.connect(bus.address(), responses, BackgroundExecutors.direct())
                .orElseThrow(() -> new AssertionError("no notifier although a server owns the name"));
        dispatch = new NoticeDispatch(new Notices(kind -> preferences.notifies(kind.id())), List.of(notifier),
                BackgroundExecutors.direct());
    }

    private static WatchEvent event(String target, WatchEvent.Type type, String message) {
        return new WatchEvent(Instant.now(), target, type, null, message);
    }

    @Test
    void aPreemptionArrivesCriticalWithRestartAndOpenButtons() throws Exception {
        connect();
        dispatch.accept(event("spot-a100", WatchEvent.Type.PREEMPTED, "spot-a100 was preempted by the cloud."));

        Notified notify = server.nextNotify();
        assertNotNull(notify, "no Notify reached the server");
        assertEquals("Tether", notify.appName());
        assertEquals("spot-a100 was preempted", notify.summary());
        assertEquals("spot-a100 was preempted by the cloud.", notify.body());
        assertEquals(List.of("restart", "Restart", "open", "Open", "default", "Open"), notify.actions());
        assertEquals(2, notify.urgency());
        assertEquals("app.tether.Tether", notify.hints().get("desktop-entry").getValue());
        assertEquals(0, notify.expireTimeout(), "a critical notice stays until the user acts");
        assertEquals(0, notify.replacesId().intValue());
    }

    @Test
    void theBodyIsEscapedForAServerThatReadsMarkup() throws Exception {
        connect();
        dispatch.accept(event("a<b", WatchEvent.Type.BUILD_FAILED, "a<b & c: <i>build</i> failed"));

        assertEquals("a&lt;b &amp; c: &lt;i&gt;build&lt;/i&gt; failed", server.nextNotify().body());
    }

    @Test
    void aCountdownUpdatesTheSameNotificationInPlace() throws Exception {
        connect();
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min."));
        Notified first = server.nextNotify();
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 4 min."));
        Notified second = server.nextNotify();
        dispatch.accept(event("other", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min."));
        Notified other = server.nextNotify();

        assertEquals(List.of("keep-running", "Keep running", "pause-now", "Pause now", "default", "Open"),
                first.actions());
        assertEquals(1, first.urgency());
        assertEquals(0, first.replacesId().intValue());
        assertEquals(first.id(), second.replacesId(), "the update must name the shown notification");
        assertEquals("Pausing in 4 min.", second.body());
        assertEquals(0, other.replacesId().intValue(), "another target's countdown is a notification of its own");
        assertNotEquals(first.id(), other.id());
    }

    @Test
    void keepRunningPressedReachesEventResponsesForThatTarget() throws Exception {
        connect();
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min."));
        dispatch.accept(event("gpu-b", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 3 min."));
        Notified space = server.nextNotify();
        Notified gpu = server.nextNotify();

        server.press(space.id(), "keep-running");
        assertEquals("keepRunning hf-space", responses.next());
        server.press(gpu.id(), "pause-now");
        assertEquals("pauseNow gpu-b", responses.next());
        server.press(gpu.id(), "default");
        assertEquals("open gpu-b", responses.next(), "a click on the notice itself opens the target");
    }

    @Test
    void anotherApplicationsNotificationIsNotAnswered() throws Exception {
        connect();
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min."));
        Notified space = server.nextNotify();

        server.press(new org.freedesktop.dbus.types.UInt32(space.id().longValue() + 100), "keep-running");
        server.press(space.id(), "restart");
        assertEquals("restart hf-space", responses.next(), "only the press on Tether's own notice is answered");
    }

    @Test
    void aCancelledCountdownClosesItsNotification() throws Exception {
        connect();
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min."));
        Notified shown = server.nextNotify();
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_CANCELLED, "Busy again."));

        assertEquals(shown.id(), server.nextClose());
        assertNull(server.nextNotify(300), "a cancel shows nothing new");
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min."));
        assertEquals(0, server.nextNotify().replacesId().intValue(), "a new countdown is a new notification");
    }

    @Test
    void thePauseAtTheEndOfTheCountdownReplacesIt() throws Exception {
        connect();
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 1 min."));
        Notified countdown = server.nextNotify();
        dispatch.accept(event("hf-space", WatchEvent.Type.PAUSED_BY_TETHER, "Paused after 30 min idle."));
        Notified paused = server.nextNotify();

        assertEquals(countdown.id(), paused.replacesId());
        assertEquals("Tether paused hf-space", paused.summary());
        assertEquals(List.of("restart", "Restart", "open", "Open", "default", "Open"), paused.actions());
    }

    @Test
    void afterTheUserDismissesANoticeTheNextUpdateIsShownAgain() throws Exception {
        connect();
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min."));
        Notified first = server.nextNotify();
        server.dismiss(first.id());
        // The closed signal travels through the bus to the notifier's signal thread; wait for it (an update
        // crossing the dismissal would, as the spec says, just show the notice again under its old id).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (notifier.holds(first.id())) {
            assertTrue(System.nanoTime() < deadline, "the dismissal never reached the notifier");
            Thread.sleep(20);
        }
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 4 min."));
        Notified next = server.nextNotify();
        assertEquals(0, next.replacesId().intValue());
        server.press(first.id(), "keep-running");
        assertNull(responses.next(300), "a press on the dismissed notice is not Tether's any more");
    }

    @Test
    void aKindTurnedOffInSettingsSendsNothing() throws Exception {
        connect();
        preferences.setNotifies(NoticeKind.TUNNEL.id(), false);
        dispatch.accept(event("gpu-b", WatchEvent.Type.TUNNEL_LOST, "The SSH link dropped."));
        dispatch.accept(event("gpu-b", WatchEvent.Type.BUILD_FINISHED, "Built."));

        assertEquals("gpu-b: build finished", server.nextNotify().summary(), "the tunnel notice was not suppressed");
        assertNull(server.nextNotify(300));
        preferences.setNotifies(NoticeKind.TUNNEL.id(), true);
        dispatch.accept(event("gpu-b", WatchEvent.Type.TUNNEL_LOST, "The SSH link dropped."));
        assertEquals("gpu-b: tunnel lost, reconnecting", server.nextNotify().summary());
    }

    @Test
    void withoutANotificationServerThereIsNoDbusNotifier() throws Exception {
        assertTrue(DbusNotifier.connect(bus.address(), responses, BackgroundExecutors.direct()).isEmpty(),
                "a bus with no org.freedesktop.Notifications owner");
        assertTrue(DbusNotifier.connect(null, responses, BackgroundExecutors.direct()).isEmpty(), "no session bus");
        assertTrue(DbusNotifier.connect("unix:path=" + dir.resolve("no-such-socket"), responses,
                BackgroundExecutors.direct()).isEmpty(), "a bus address nobody listens on");
    }
}
