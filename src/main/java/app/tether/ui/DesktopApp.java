package app.tether.ui;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.handoff.CheckedBrowser;
import app.tether.inventory.TargetState;
import app.tether.tray.TrayChoice;
import app.tether.watch.Guard;
import app.tether.watch.Guards;
import app.tether.watch.IdleSettingsStore;
import app.tether.watch.EventResponses;
import app.tether.watch.WatchEvents;
import java.net.URI;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;

/** The JavaFX application; {@link #launch(Environment)} is called by Main when there are no arguments. */
public final class DesktopApp extends Application {
    private static Environment environment;

    private AppContext context;
    private MainWindow window;
    private final WatchEvents events = new WatchEvents();
    private DesktopTray tray;
    private boolean trayShown;
    private Workflows workflows;
    private AutoCloseable storeWatch;
    private Guard guard;
    private DesktopNotifications notifications;
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
        startGuard(live);
        context.executors().run(() -> instance = WindowInstance.start(context.environment(), live.sessions(),
                live.router(), workflows.tunnels(), workflows.heldForwards(), workflows.httpForwards(), workflows.lifecycle(),
                () -> context.store().load(),
                () -> Platform.runLater(this::showWindow)).orElse(null));
        startTray(stage);
        stage.setOnCloseRequest(event -> {
            window.rememberPlacement();
            if (trayShown) {
                // With a tray icon, closing the window only hides it; Quit ends the app.
                event.consume();
                stage.hide();
            }
        });
    }

    /** Tether's watcher of every target (idle auto-pause, preemption, end of workspace), publishing into events. */
    private void startGuard(LiveStatus live) {
        guard = Guards.standard(new Guards.Parts(context.environment(), workflows.lifecycle(), live::sessions,
                workflows.tunnels(), workflows.httpForwards(), Guards.rereading(() -> context.store().load().targets(),
                java.time.Duration.ofSeconds(5))), java.util.Set.of(), events,
                target -> Platform.runLater(() -> {
                    showWindow();
                    window.select(target);
                }));
        context.executors().background().execute(guard::start);
        workflows.tunnels().onLinkChange(new app.tether.watch.TunnelLinkEvents(events, java.time.Clock.systemUTC()));
        window.setIdle(new IdleRow(context.language(), guard.idle(), IdleSettingsStore.in(context.environment()), guard,
                context.executors(), events));
    }

    /** Notices from {@link #events}: on the desktop and in the window; {@code watchers} answer their buttons. */
    private void startNotifications(Stage stage, EventResponses watchers) {
        AppResponses responses = new AppResponses(target -> {
            showWindow();
            window.select(target);
        }, watchers);
        NoticeBoard board = new NoticeBoard(responses, FxExecutors.FX, context.executors().background());
        window.showNotices(board);
        notifications = DesktopNotifications.start(context.environment(), context.preferences(), events, responses,
                board, trayShown, stage::isShowing, context.executors().background());
    }

    @Override
    public void stop() throws Exception {
        if (guard != null) {
            guard.close();
        }
        if (tray != null) {
            tray.close();
        }
        if (notifications != null) {
            notifications.close();
        }
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

    /** The tray this desktop has (chosen off the FX thread); on a Linux desktop with none, a one-time hint. */
    private void startTray(Stage stage) {
        tray = new DesktopTray(window.model().items(), workflows.lifecycle(),
                new CloudActions(workflows.lifecycle(), context.executors()), workflows, new DesktopTray.Host() {
                    @Override
                    public void showWindow() {
                        DesktopApp.this.showWindow();
                    }

                    @Override
                    public void quit() {
                        DesktopApp.this.quit();
                    }

                    @Override
                    public boolean confirmPauseAll(List<String> targets) {
                        DesktopApp.this.showWindow();
                        return window.dialogs().confirm("tray.pauseAll.title", "tray.pauseAll.message",
                                "tray.pauseAll.ok", String.join("\n", targets));
                    }

                    @Override
                    public void failed(Throwable failure) {
                        window.dialogs().error(failure);
                    }
                });
        TrayChoice.choose(stage, context.environment(), this::showWindow, context.executors().background())
                .thenAccept(backend -> {
                    if (backend.isPresent()) {
                        trayShown = true;
                        Platform.setImplicitExit(false);
                        tray.start(backend.get(), events, context.language().localeProperty());
                    } else if (TrayChoice.linux()) {
                        NoTrayHint.showOnce(context.environment().home().resolve("tray-hint-shown"),
                                context.executors(), window.dialogs());
                    }
                    // After the tray: where there is no D-Bus notification service, notices go to its icon.
                    startNotifications(stage, guard);
                });
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
