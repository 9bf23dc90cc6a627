package app.tether.watch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import app.tether.core.Messages;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux desktop notifications through {@code org.freedesktop.Notifications} on the session bus, over Tether's own
 * dbus-java connection: buttons as actions, a key's later notices replace the shown one ({@code replaces_id}),
 * urgency and desktop-entry hints, and ActionInvoked answered through {@link EventResponses}.
 */
public final class DbusNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(DbusNotifier.class);
    /** The installed .desktop file's name (packaging/linux), so the desktop shows Tether's name and icon. */
    static final String DESKTOP_ENTRY = "app.tether.Tether";
    private static final int SERVER_DECIDES = -1;
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final DBusConnection connection;
    private final FreedesktopNotifications server;
    private final EventResponses responses;
    private final Executor answers;
    private final boolean markup;
    /** Notice key → the server's id of what is shown under it. */
    private final Map<String, UInt32> shown = new ConcurrentHashMap<>();
    /** The server's id → the target whose notice it is (the ids ActionInvoked can name). */
    private final Map<UInt32, String> targets = new ConcurrentHashMap<>();
    private final List<AutoCloseable> handlers = new ArrayList<>();

    private DbusNotifier(DBusConnection connection, FreedesktopNotifications server, EventResponses responses,
            Executor answers, boolean markup) {
        this.connection = connection;
        this.server = server;
        this.responses = responses;
        this.answers = answers;
        this.markup = markup;
    }

    /**
     * Connects to the session bus at {@code busAddress} (the {@code DBUS_SESSION_BUS_ADDRESS} value) and returns a
     * notifier when a notification server owns (or can be started for) the name; empty when there is no bus or no
     * server, so the caller falls back to another route.
     *
     * @param answers where button answers run (they may take a while; never on the bus's own threads)
     */
    public static Optional<DbusNotifier> connect(String busAddress, EventResponses responses, Executor answers) {
        if (busAddress == null || busAddress.isBlank()) {
            return Optional.empty();
        }
        DBusConnection connection;
        try {
            connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false)
                    .transportConfig().withTimeout(CONNECT_TIMEOUT_MS).back().build();
        } catch (DBusException | RuntimeException e) {
            LOG.info("No session bus for notifications at {}: {}", busAddress, e.getMessage());
            return Optional.empty();
        }
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!bus.NameHasOwner(FreedesktopNotifications.BUS_NAME)
                    && !Arrays.asList(bus.ListActivatableNames()).contains(FreedesktopNotifications.BUS_NAME)) {
                LOG.info("No notification server on the session bus");
                connection.close();
                return Optional.empty();
            }
            FreedesktopNotifications server = connection.getRemoteObject(FreedesktopNotifications.BUS_NAME,
                    FreedesktopNotifications.OBJECT_PATH, FreedesktopNotifications.class);
            List<String> capabilities = server.GetCapabilities();
            DbusNotifier notifier = new DbusNotifier(connection, server, responses, answers,
                    capabilities.contains("body-markup"));
            notifier.listen();
            LOG.info("Notifications through org.freedesktop.Notifications ({})", capabilities);
            return Optional.of(notifier);
        } catch (DBusException | DBusExecutionException | IOException e) {
            LOG.info("The notification server did not answer: {}", e.getMessage());
            closeQuietly(connection);
            return Optional.empty();
        }
    }

    private void listen() throws DBusException {
        handlers.add(connection.addSigHandler(FreedesktopNotifications.ActionInvoked.class, this::actionInvoked));
        handlers.add(connection.addSigHandler(FreedesktopNotifications.NotificationClosed.class, this::closed));
    }

    private void actionInvoked(FreedesktopNotifications.ActionInvoked signal) {
        String target = targets.get(signal.id());
        if (target == null) {
            return; // another application's notification
        }
        Optional<NoticeAction> action = NoticeAction.ofId(signal.actionKey());
        if (action.isEmpty()) {
            LOG.warn("Unknown notification action {} for {}", signal.actionKey(), target);
            return;
        }
        LOG.info("Notification answer {} for {}", action.get(), target);
        answers.execute(() -> action.get().respond(responses, target));
    }

    /** Whether the server's notification {@code id} is still Tether's (not closed or dismissed); for tests. */
    boolean holds(UInt32 id) {
        return targets.containsKey(id);
    }

    private void closed(FreedesktopNotifications.NotificationClosed signal) {
        if (targets.remove(signal.id()) != null) {
            shown.values().removeIf(signal.id()::equals);
        }
    }

    @Override
    public void show(Notice notice) {
        List<String> actions = new ArrayList<>();
        for (NoticeAction action : notice.actions()) {
            actions.add(action.id());
            actions.add(Messages.get(action.labelKey()));
        }
        // A click on the notice itself opens the target (servers draw no button for "default").
        actions.add("default");
        actions.add(Messages.get(NoticeAction.OPEN.labelKey()));
        Map<String, Variant<?>> hints = new LinkedHashMap<>();
        hints.put("urgency", new Variant<>(notice.urgency().level()));
        hints.put("desktop-entry", new Variant<>(DESKTOP_ENTRY));
        UInt32 replaces = shown.getOrDefault(notice.key(), new UInt32(0));
        try {
            UInt32 id = server.Notify(Messages.get("app.name"), replaces, DESKTOP_ENTRY, notice.title(),
                    markup ? escape(notice.body()) : notice.body(), actions, hints,
                    notice.urgency() == Notice.Urgency.CRITICAL ? 0 : SERVER_DECIDES);
            if (!id.equals(replaces)) {
                targets.remove(replaces);
            }
            targets.put(id, notice.target());
            shown.put(notice.key(), id);
        } catch (DBusExecutionException e) {
            LOG.warn("The notification server refused {}: {}", notice.key(), e.getMessage());
        }
    }

    @Override
    public void withdraw(String key) {
        UInt32 id = shown.remove(key);
        if (id == null) {
            return;
        }
        targets.remove(id);
        try {
            server.CloseNotification(id);
        } catch (DBusExecutionException e) {
            LOG.info("Closing notification {} failed: {}", id, e.getMessage());
        }
    }

    /** The body is markup where the server says so: a target name with {@code <} or {@code &} must stay text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        for (AutoCloseable handler : handlers) {
            closeQuietly(handler);
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed", closeable, e);
        }
    }
}
