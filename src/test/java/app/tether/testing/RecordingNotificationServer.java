package app.tether.testing;

import app.tether.watch.FreedesktopNotifications;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A notification server on a test bus, following the Desktop Notifications Specification 1.2: owns
 * {@code org.freedesktop.Notifications}, gives fresh ids (or keeps {@code replaces_id}), records every Notify and
 * CloseNotification, and emits ActionInvoked / NotificationClosed as a user's click on a real server would.
 */
public final class RecordingNotificationServer implements FreedesktopNotifications, AutoCloseable {
    /** One Notify call as received. */
    public record Notified(UInt32 id, String appName, UInt32 replacesId, String appIcon, String summary, String body,
            List<String> actions, Map<String, Variant<?>> hints, int expireTimeout) {
        public byte urgency() {
            return (Byte) hints.get("urgency").getValue();
        }
    }

    private final DBusConnection connection;
    private final AtomicInteger ids = new AtomicInteger(41);
    private final LinkedBlockingQueue<Notified> notified = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<UInt32> closed = new LinkedBlockingQueue<>();

    private RecordingNotificationServer(DBusConnection connection) {
        this.connection = connection;
    }

    public static RecordingNotificationServer start(String busAddress) throws DBusException {
        DBusConnection connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        RecordingNotificationServer server = new RecordingNotificationServer(connection);
        connection.exportObject(OBJECT_PATH, server);
        connection.requestBusName(BUS_NAME);
        return server;
    }

    @Override
    public UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
            List<String> actions, Map<String, Variant<?>> hints, int expireTimeout) {
        UInt32 id = replacesId.intValue() != 0 ? replacesId : new UInt32(ids.incrementAndGet());
        notified.add(new Notified(id, appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout));
        return id;
    }

    @Override
    public void CloseNotification(UInt32 id) {
        closed.add(id);
        emitClosed(id, 3);
    }

    @Override
    public List<String> GetCapabilities() {
        return List.of("actions", "body", "body-markup");
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    /** The next Notify received within 5 s, or null. */
    public Notified nextNotify() throws InterruptedException {
        return notified.poll(5, TimeUnit.SECONDS);
    }

    /** The next Notify within {@code millis}, or null (to show that none came). */
    public Notified nextNotify(long millis) throws InterruptedException {
        return notified.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next CloseNotification received within 5 s, or null. */
    public UInt32 nextClose() throws InterruptedException {
        return closed.poll(5, TimeUnit.SECONDS);
    }

    /** What a click on button {@code actionKey} of notification {@code id} makes the server send. */
    public void press(UInt32 id, String actionKey) throws DBusException {
        connection.sendMessage(new ActionInvoked(OBJECT_PATH, id, actionKey));
    }

    /** What the user dismissing notification {@code id} makes the server send (reason 2). */
    public void dismiss(UInt32 id) {
        emitClosed(id, 2);
    }

    private void emitClosed(UInt32 id, int reason) {
        try {
            connection.sendMessage(new NotificationClosed(OBJECT_PATH, id, new UInt32(reason)));
        } catch (DBusException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
