package app.tether.ui;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.handoff.CheckedBrowser;
import app.tether.inventory.TargetState;
import app.tether.tray.TrayIcons;
import app.tether.tray.TrayMenu;
import app.tether.tray.TrayMenuItem;
import app.tether.tray.TrayState;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;

/** The JavaFX application; {@link #launch(Environment)} is called by Main when there are no arguments. */
public final class DesktopApp extends Application {
    private static final int MAX_QUICK_ACTIONS = 10;
    private static Environment environment;

    private AppContext context;
    private MainWindow window;
    private TrayIcons tray;
    private Workflows workflows;
    private AutoCloseable storeWatch;
    private volatile WindowInstance instance;

    public static void launch(Environment env) {
        environment = env;
        if (WindowInstance.showRunningWindow(env)) {
            return; // single instance: the running window came to the front
        }
        Application.launch(DesktopApp.class);
    }

    /** Runs on the launcher thread, so reading settings and asking the OS for its theme stay off the FX thread. */
    @Override
    public void init() {
        Environment env = environment != null ? environment : Environment.fromSystem();
        FxExecutors executors = new FxExecutors(BackgroundExecutors.pool("ui"), FxExecutors.FX);
        context = AppContext.create(env, executors, OsColorScheme.prefersDark());
    }

    @Override
    public void start(Stage stage) {
        context.themes().apply(context.preferences().theme());
        window = MainWindow.show(stage, context, uri -> getHostServices().showDocument(uri), this::quit);
        LiveStatus live = LiveStatus.start(context.environment(), window, context.preferences().refreshSeconds());
        // Not HostServices here: it cannot tell when no browser opened (Workflows then offers the URL to copy).
        CheckedBrowser browser = new CheckedBrowser();
        workflows = new Workflows(context.environment(), window, live, url -> browser.open(URI.create(url)),
                DesktopApp::copyToClipboard);
        window.setActions(workflows);
        storeWatch = window.followStoreChanges();
        context.executors().run(() -> instance = WindowInstance.start(context.environment(), live.sessions(),
                workflows.tunnels(), workflows.httpForwards(), () -> Platform.runLater(this::showWindow)).orElse(null));
        tray = TrayIcons.install(stage, context.language(), this::showWindow, this::quit).orElse(null);
        if (tray != null) {
            window.model().items().addListener((InvalidationListener) obs -> updateTray());
            updateTray();
        }
        stage.setOnCloseRequest(event -> {
            window.rememberPlacement();
            if (tray != null) {
                // With a tray icon, closing the window only hides it; Quit ends the app.
                event.consume();
                stage.hide();
            }
        });
    }

    @Override
    public void stop() throws Exception {
        if (storeWatch != null) {
            storeWatch.close();
        }
        if (instance != null) {
            instance.close();
        }
        if (workflows != null) {
            workflows.close();
        }
    }

    /** Tray menu: a quick "open notebook" per online server; icon: attention, active (a tunnel is open) or idle. */
    private void updateTray() {
        List<TrayMenuItem.Action> quick = new ArrayList<>();
        boolean attention = false;
        boolean active = false;
        for (TargetItem item : window.model().items()) {
            attention |= item.state() == TargetState.AUTH_FAILED || item.state() == TargetState.HOST_KEY_CHANGED;
            active |= item.notebookUrlProperty().get() != null;
            if (item.state() == TargetState.ONLINE && quick.size() < MAX_QUICK_ACTIONS) {
                quick.add(new TrayMenuItem.Action("ui.tray.open", new Object[] {item.name()}, () -> {
                    showWindow();
                    workflows.openNotebook(item);
                }));
            }
        }
        tray.setMenu(TrayMenu.build(this::showWindow, quick, this::quit));
        tray.setState(attention ? TrayState.ATTENTION : active ? TrayState.ACTIVE : TrayState.IDLE);
    }

    private static void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void showWindow() {
        Stage stage = window.stage();
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    private void quit() {
        window.rememberPlacement().whenComplete((done, failure) -> Platform.exit());
    }
}
