package app.tether.tray;

import app.tether.ui.UiLanguage;
import com.dustinredmond.fxtrayicon.FXTrayIcon;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon (FXTrayIcon), present only where the desktop has a system tray: never under Monocle or a bare
 * X server (toolchain.md G9). Renders {@link TrayMenu} and follows the language.
 */
public final class TrayIcons {
    private static final Logger LOG = LoggerFactory.getLogger(TrayIcons.class);
    private static final boolean MAC = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
            .startsWith("mac");

    private final FXTrayIcon icon;
    private final UiLanguage language;
    private List<TrayMenuItem> items;

    private TrayIcons(FXTrayIcon icon, UiLanguage language) {
        this.icon = icon;
        this.language = language;
    }

    /** Installs the icon, or returns empty when the desktop has no tray; only then may closing the window hide it. */
    public static Optional<TrayIcons> install(Stage stage, UiLanguage language, Runnable showWindow, Runnable quit) {
        if (MAC) {
            // Before AWT starts: every tray image is then an NSImage template (JDK-8252015); the packaged app also
            // passes it on the command line (packaging/jpackage/args-mac-image.txt).
            System.setProperty("apple.awt.enableTemplateImages", "true");
        }
        if (!FXTrayIcon.isSupported()) {
            LOG.info("No system tray here; closing the window quits Tether");
            return Optional.empty();
        }
        try {
            FXTrayIcon icon = new FXTrayIcon(stage, resource(TrayState.IDLE));
            icon.setApplicationTitle(language.get("app.name"));
            TrayIcons tray = new TrayIcons(icon, language);
            tray.setMenu(TrayMenu.build(showWindow, List.of(), quit));
            icon.setOnAction(event -> showWindow.run());
            icon.show();
            Platform.setImplicitExit(false);
            language.localeProperty().addListener(obs -> tray.render());
            return Optional.of(tray);
        } catch (RuntimeException e) {
            LOG.warn("Could not install the tray icon", e);
            return Optional.empty();
        }
    }

    public void setMenu(List<TrayMenuItem> newItems) {
        items = List.copyOf(newItems);
        render();
    }

    public void setState(TrayState state) {
        icon.setGraphic(resource(state));
    }

    private void render() {
        icon.clear();
        for (TrayMenuItem item : items) {
            if (item instanceof TrayMenuItem.Action action) {
                MenuItem menuItem = new MenuItem(language.get(action.labelKey(), action.args()));
                menuItem.setOnAction(event -> action.action().run());
                icon.addMenuItem(menuItem);
            } else {
                icon.addSeparator();
            }
        }
        icon.setTrayIconTooltip(language.get("app.name"));
    }

    private static URL resource(TrayState state) {
        return TrayIcons.class.getResource(MAC ? state.templateResource() : state.iconResource());
    }
}
