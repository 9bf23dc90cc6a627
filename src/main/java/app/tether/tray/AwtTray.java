package app.tether.tray;

import com.dustinredmond.fxtrayicon.FXTrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.net.URL;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray on Windows and macOS, and on Linux desktops with only an XEmbed tray: FXTrayIcon (AWT). Present only
 * where AWT finds a system tray, never under Monocle or a bare X server (toolchain.md G9).
 */
public final class AwtTray implements TrayBackend {
    private static final Logger LOG = LoggerFactory.getLogger(AwtTray.class);
    static final boolean MAC = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");

    private final FXTrayIcon icon;
    private TrayState state = TrayState.IDLE;

    private AwtTray(FXTrayIcon icon) {
        this.icon = icon;
    }

    /** Installs the icon (FX thread), or returns empty when AWT sees no system tray. */
    public static Optional<AwtTray> install(Stage stage, Runnable activate) {
        if (MAC) {
            // Before AWT starts: every tray image is then an NSImage template (JDK-8252015); the packaged app also
            // passes it on the command line (packaging/jpackage/args-mac-image.txt).
            System.setProperty("apple.awt.enableTemplateImages", "true");
        }
        if (!FXTrayIcon.isSupported()) {
            return Optional.empty();
        }
        try {
            FXTrayIcon icon = new FXTrayIcon(stage, resource(TrayState.IDLE));
            icon.setApplicationTitle("Tether");
            // Not FXTrayIcon's setOnAction: it fires on a click of any button, so the right click that opens the
            // menu showed the window too (seen on an XEmbed tray, AwtTrayXembedInteropTest).
            icon.getRestricted().getTrayIcon().addMouseListener(new MouseAdapter() {
                @Override
                public void mouseClicked(MouseEvent event) {
                    if (event.getButton() == MouseEvent.BUTTON1) {
                        Platform.runLater(activate);
                    }
                }
            });
            icon.show();
            return Optional.of(new AwtTray(icon));
        } catch (RuntimeException e) {
            LOG.warn("Could not install the tray icon", e);
            return Optional.empty();
        }
    }

    @Override
    public void show(TrayMenu menu) {
        icon.clear();
        for (TrayMenuItem item : menu.items()) {
            if (item instanceof TrayMenuItem.Separator) {
                icon.addSeparator();
            } else {
                icon.addMenuItem(fx(item));
            }
        }
        icon.setTrayIconTooltip(menu.tooltip());
        if (menu.state() != state) {
            state = menu.state();
            icon.setGraphic(resource(state));
        }
    }

    @Override
    public void close() {
        icon.hide();
    }

    private static MenuItem fx(TrayMenuItem item) {
        if (item instanceof TrayMenuItem.Submenu submenu) {
            Menu entry = new Menu(submenu.label());
            submenu.items().forEach(child -> entry.getItems().add(fx(child)));
            return entry;
        }
        if (item instanceof TrayMenuItem.Separator) {
            return new SeparatorMenuItem();
        }
        if (item instanceof TrayMenuItem.Action action) {
            MenuItem entry = new MenuItem(action.label());
            entry.setDisable(!action.enabled());
            entry.setOnAction(event -> action.action().run());
            return entry;
        }
        MenuItem entry = new MenuItem(((TrayMenuItem.Info) item).label());
        entry.setDisable(true);
        return entry;
    }

    private static URL resource(TrayState state) {
        return AwtTray.class.getResource(MAC ? state.templateResource() : state.iconResource());
    }
}
