package app.tether.ui;

import app.tether.core.Environment;
import app.tether.instance.PromptRouter;
import app.tether.inventory.SshServer;
import app.tether.probe.StatusRefresher;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshSessions;
import java.time.Duration;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.stage.Stage;

/**
 * Keeps the list's badges, GPU lines and cards up to date: a {@link StatusRefresher} over the app's SSH
 * sessions, results handed to the FX thread, slower while the window is hidden or minimised.
 */
public final class LiveStatus implements TargetActions, AutoCloseable {
    private final MainViewModel model;
    private final DialogService dialogs;
    private final FxSshPrompts prompts;
    private final PromptRouter router;
    private final SshSessions sessions;
    private final StatusRefresher refresher;

    private LiveStatus(MainViewModel model, DialogService dialogs, FxSshPrompts prompts, PromptRouter router,
            SshSessions sessions, StatusRefresher refresher) {
        this.model = model;
        this.dialogs = dialogs;
        this.prompts = prompts;
        this.router = router;
        this.sessions = sessions;
        this.refresher = refresher;
    }

    /** Starts refreshing the servers of {@code window}'s list every {@code seconds} while it is visible. */
    public static LiveStatus start(Environment environment, MainWindow window, int seconds) {
        MainViewModel model = window.model();
        FxSshPrompts prompts = new FxSshPrompts(window.dialogs());
        // The window's dialogs answer its own connections; those of CLI commands its instance runs ask their terminal.
        PromptRouter router = new PromptRouter(prompts);
        SshSessions sessions = new SshSessions(environment, HostKeyPolicy.ASK, router);
        StatusRefresher refresher = new StatusRefresher(sessions, model::sshServers,
                status -> Platform.runLater(() -> model.applyStatus(status)));
        refresher.setInterval(Duration.ofSeconds(seconds));
        model.setHistory(refresher.history());
        Stage stage = window.stage();
        InvalidationListener visibility = obs -> refresher.setWindowVisible(stage.isShowing() && !stage.isIconified());
        stage.showingProperty().addListener(visibility);
        stage.iconifiedProperty().addListener(visibility);
        refresher.start();
        return new LiveStatus(model, window.dialogs(), prompts, router, sessions, refresher);
    }

    @Override
    public void refreshAll() {
        model.sshServers().forEach(server -> refresher.refreshNow(server.name()));
    }

    @Override
    public void verify(TargetItem item) {
        if (!(item.target() instanceof SshServer server)) {
            return;
        }
        model.executors().run(() -> {
            try (FxSshPrompts.Scope asking = prompts.interactive()) {
                sessions.session(server);
            }
        }).whenComplete((done, failure) -> {
            refresher.refreshNow(server.name());
            if (failure != null) {
                dialogs.error(failure);
            }
        });
    }

    @Override
    public void refreshIntervalChanged(int seconds) {
        refresher.setInterval(Duration.ofSeconds(seconds));
    }

    public SshSessions sessions() {
        return sessions;
    }

    public FxSshPrompts prompts() {
        return prompts;
    }

    /** Where the sessions' questions go: the window's dialogs, or the terminal of the CLI command that connects. */
    public PromptRouter router() {
        return router;
    }

    @Override
    public void close() {
        refresher.close();
        sessions.close();
    }
}
