package app.tether.tray;

import app.tether.core.Environment;
import app.tether.tray.sni.SniTray;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the tray this desktop can show. Linux: Tether's StatusNotifierItem when a StatusNotifierWatcher is on the
 * session bus (KDE, Xfce, Cinnamon, MATE, GNOME with the AppIndicator extension), else FXTrayIcon where an XEmbed
 * tray exists, else none. Windows and macOS: FXTrayIcon.
 */
public final class TrayChoice {
    private static final Logger LOG = LoggerFactory.getLogger(TrayChoice.class);

    private TrayChoice() {
    }

    public static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /**
     * The tray, completed on the FX thread; empty when the desktop has none. Asking the bus runs on
     * {@code background}.
     *
     * @param activate what a click on the icon does (show the window)
     */
    public static CompletableFuture<Optional<TrayBackend>> choose(Stage stage, Environment environment,
            Runnable activate, Executor background) {
        if (!linux()) {
            return CompletableFuture.completedFuture(AwtTray.install(stage, activate).map(TrayBackend.class::cast));
        }
        return CompletableFuture.supplyAsync(() -> statusNotifier(environment, activate), background)
                .thenApplyAsync(sni -> sni.isPresent() ? sni
                        : AwtTray.install(stage, activate).map(TrayBackend.class::cast), Platform::runLater);
    }

    /** Tether's own SNI item on the session bus, when a watcher is there (blocking). */
    public static Optional<TrayBackend> statusNotifier(Environment environment, Runnable activate) {
        try {
            Optional<TrayBackend> tray = SniTray.connect(environment.variable("DBUS_SESSION_BUS_ADDRESS"),
                    environment.home().resolve("tray-icons"), Platform::runLater, activate).map(TrayBackend.class::cast);
            LOG.info(tray.isPresent() ? "Tray: StatusNotifierItem" : "Tray: no StatusNotifierWatcher on the session bus");
            return tray;
        } catch (IOException e) {
            LOG.warn("Tray: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
