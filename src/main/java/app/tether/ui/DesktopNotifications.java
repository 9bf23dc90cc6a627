package app.tether.ui;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.settings.Preferences;
import app.tether.tray.AwtTrayNotifier;
import app.tether.watch.DbusNotifier;
import app.tether.watch.EventResponses;
import app.tether.watch.NoticeDispatch;
import app.tether.watch.Notices;
import app.tether.watch.Notifier;
import app.tether.watch.WatchEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the app's notices go, chosen once at start-up: the desktop's notification server over D-Bus when one owns
 * {@code org.freedesktop.Notifications}, else the tray icon's balloon where there is a tray; and the window's own
 * cards while the window shows (always, when there is neither).
 */
final class DesktopNotifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopNotifications.class);

    private volatile NoticeDispatch dispatch;
    private volatile List<Notifier> routes = List.of();
    private volatile AutoCloseable subscription;
    private volatile boolean closed;

    private DesktopNotifications() {
    }

    /**
     * Connects in the background (asking the bus can take a moment; never on the FX thread) and then subscribes to
     * {@code events}; events published before that are not shown.
     *
     * @param windowShowing read on the FX thread: whether the window is on screen
     */
    static DesktopNotifications start(Environment environment, Preferences preferences, WatchEvents events,
            EventResponses responses, NoticeBoard board, boolean trayShown, BooleanSupplier windowShowing,
            Executor background) {
        DesktopNotifications notifications = new DesktopNotifications();
        ExecutorService answers = BackgroundExecutors.pool("notice-answers");
        background.execute(() -> {
            List<Notifier> notifiers = new ArrayList<>();
            Optional<? extends Notifier> os = DbusNotifier.connect(
                    environment.variable("DBUS_SESSION_BUS_ADDRESS"), responses, answers);
            if (os.isEmpty() && trayShown) {
                os = Optional.of(new AwtTrayNotifier());
            }
            os.ifPresent(notifiers::add);
            board.showOnlyWhile(os.isPresent() ? windowShowing : () -> true);
            notifiers.add(board);
            LOG.info("Notices go to {}", notifiers.stream().map(n -> n.getClass().getSimpleName()).toList());
            notifications.routes = List.copyOf(notifiers);
            notifications.subscribe(events, new NoticeDispatch(new Notices(kind -> preferences.notifies(kind.id())),
                    notifiers, BackgroundExecutors.scheduler("notify", 1)));
        });
        return notifications;
    }

    /** Where notices go, once chosen (empty until then). */
    List<Notifier> routes() {
        return routes;
    }

    private synchronized void subscribe(WatchEvents events, NoticeDispatch newDispatch) {
        if (closed) {
            newDispatch.close();
            return;
        }
        dispatch = newDispatch;
        subscription = events.subscribe(newDispatch);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("Unsubscribing the notices failed", e);
            }
        }
        if (dispatch != null) {
            dispatch.close();
        }
    }
}
