package app.tether.tray;

import app.tether.watch.Notice;
import app.tether.watch.Notifier;
import java.awt.EventQueue;
import java.awt.SystemTray;
import java.awt.TrayIcon;

/**
 * Notices as the tray icon's balloon ({@link TrayIcon#displayMessage}): a toast on Windows, a Notification Center
 * entry on macOS. Called on AWT directly, never through FXTrayIcon's showMessage, which shells out to osascript on
 * macOS (unescaped text, shown as Script Editor). No buttons: the answers are in the tray menu and the window.
 */
public final class AwtTrayNotifier implements Notifier {

    /** Shows on Tether's tray icon, which must be installed already (there is exactly one). */
    @Override
    public void show(Notice notice) {
        EventQueue.invokeLater(() -> {
            TrayIcon[] icons = SystemTray.isSupported() ? SystemTray.getSystemTray().getTrayIcons() : new TrayIcon[0];
            if (icons.length > 0) {
                icons[0].displayMessage(notice.title(), notice.body(), type(notice.urgency()));
            }
        });
    }

    /** A balloon cannot be taken back; it goes by itself. */
    @Override
    public void withdraw(String key) {
    }

    static TrayIcon.MessageType type(Notice.Urgency urgency) {
        return urgency == Notice.Urgency.CRITICAL ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO;
    }
}
