package app.tether.ui;

import app.tether.core.Environment;
import app.tether.core.TetherException;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.TargetKind;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.LiveState;
import app.tether.providers.Provider;
import app.tether.providers.ProviderPolls;
import app.tether.providers.ProviderRefresher;
import app.tether.providers.hf.HfProvider;
import app.tether.providers.hf.HfSpaces;
import app.tether.workflow.Lifecycle;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud side of the window: plugs in the lifecycle buttons and the Space actions, and keeps every cloud
 * target's badge, stage, hardware and price up to date through the lifecycle's {@link ProviderPolls} (slower while
 * the window is hidden and nothing else listens, backing off when an API fails), results handed to the FX thread.
 */
public final class CloudStatus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudStatus.class);

    private final ProviderPolls.Subscription refresher;
    private final Set<TargetKind> kinds;

    private CloudStatus(ProviderPolls.Subscription refresher, Set<TargetKind> kinds) {
        this.refresher = refresher;
        this.kinds = kinds;
    }

    /** Wires {@code window} to the providers of {@code lifecycle} and starts refreshing the cloud kinds. */
    public static CloudStatus start(Environment environment, MainWindow window, Lifecycle lifecycle) {
        MainViewModel model = window.model();
        window.setCloudActions(new CloudActions(lifecycle, model.executors()));
        lifecycle.providers().all().stream().filter(HfProvider.class::isInstance).map(HfProvider.class::cast).findFirst()
                .ifPresent(hf -> window.setSpaceActions(new SpaceActions(new HfSpaceOperations(new HfSpaces(hf), lifecycle,
                        new InventoryStore(environment.inventoryFile()), new JupyterSecrets(environment)),
                        model.executors())));
        // SSH servers keep their own probe refresher (LiveStatus).
        Set<TargetKind> kinds = lifecycle.providers().all().stream().map(Provider::kind)
                .filter(kind -> kind != TargetKind.SSH).collect(Collectors.toUnmodifiableSet());
        // The lifecycle's polls: the guard (idle auto-pause, spend, notices) hears the same rounds, so each API is
        // asked once per interval; while the window is hidden they slow down only if the guard does not listen.
        Stage stage = window.stage();
        ProviderPolls.Subscription refresher = lifecycle.polls().subscribe(kinds, model::targets,
                stage.isShowing() && !stage.isIconified(), new ProviderRefresher.Listener() {
                    @Override
                    public void observed(TargetKind kind, Map<String, LiveState> states) {
                        Platform.runLater(() -> states.forEach(model::applyLive));
                    }

                    @Override
                    public void failed(TargetKind kind, TetherException failure, Duration retryIn) {
                        LOG.info("{} status failed, next try in {}: {}", kind.id(), retryIn, failure.getLocalizedMessage());
                        // The rows keep what was last seen, with the API's reason as their message.
                        Platform.runLater(() -> model.items().stream().filter(item -> item.target().kind() == kind)
                                .forEach(item -> item.applyLive(withMessage(item.liveState(), failure.getLocalizedMessage()))));
                    }
                });
        InvalidationListener visibility = obs -> refresher.setFullRate(stage.isShowing() && !stage.isIconified());
        stage.showingProperty().addListener(visibility);
        stage.iconifiedProperty().addListener(visibility);
        return new CloudStatus(refresher, kinds);
    }

    private static LiveState withMessage(LiveState state, String message) {
        return new LiveState(state.state(), state.stage(), state.hardware(), state.pricePerHour(), message,
                state.observedAt());
    }

    /** F5: every cloud kind now. */
    public void refreshAll() {
        kinds.forEach(refresher::refreshNow);
    }

    @Override
    public void close() {
        refresher.close();
    }
}
