package app.tether.ui;

import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.providers.LiveState;
import app.tether.providers.TargetAction;
import app.tether.tray.TrayAttention;
import app.tether.tray.TrayBackend;
import app.tether.tray.TrayCommands;
import app.tether.tray.TrayMenu;
import app.tether.tray.TrayMenuBuilder;
import app.tether.tray.TrayTarget;
import app.tether.watch.WatchEvents;
import app.tether.workflow.Lifecycle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray's model in the window process: it follows the target rows (state, price, tunnels), the actions in
 * flight, the watchers' events and the language, rebuilds the menu ({@link TrayMenuBuilder}) and hands it to
 * whichever {@link TrayBackend} this desktop has; the menu's entries act through the same {@link CloudActions}
 * and {@link TargetActions} as the window's buttons. FX thread only, except {@link #events()} subscribers.
 */
public final class DesktopTray implements TrayCommands, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopTray.class);

    /** What the tray needs of the window around it. */
    public interface Host {
        void showWindow();

        void quit();

        /** Asks once before pausing {@code targets}; true to go ahead. */
        boolean confirmPauseAll(List<String> targets);

        /** Shows a failed action. */
        void failed(Throwable failure);
    }

    private final ObservableList<TargetItem> items;
    private final Lifecycle lifecycle;
    private final CloudActions cloud;
    private final TargetActions actions;
    private final Host host;
    private final TrayAttention attention = new TrayAttention(() -> Platform.runLater(this::refresh));
    private final Set<TargetItem> followed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final InvalidationListener changed = obs -> refresh();
    /**
     * The language by its changes, not its invalidation: an invalidation listener hears nothing more until someone
     * reads the value again, and nothing else has to (the second switch went unnoticed).
     */
    private final ChangeListener<Object> relabel = (obs, before, now) -> refresh();
    private ObservableValue<?> language;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private TrayBackend backend;
    private TrayMenu menu;
    private boolean pending;

    public DesktopTray(ObservableList<TargetItem> items, Lifecycle lifecycle, CloudActions cloud, TargetActions actions,
            Host host) {
        this.items = items;
        this.lifecycle = lifecycle;
        this.cloud = cloud;
        this.actions = actions;
        this.host = host;
    }

    /** Starts showing the menu through {@code tray}; the menu follows the rows, {@code events} and {@code language}. */
    public void start(TrayBackend tray, WatchEvents events, ObservableValue<?> language) {
        backend = tray;
        this.language = language;
        items.addListener(changed);
        cloud.running().addListener(changed);
        language.addListener(relabel);
        subscriptions.add(events.subscribe(attention));
        refresh();
    }

    /** The menu last handed to the backend (tests read it). */
    public TrayMenu menu() {
        return menu;
    }

    /** Rebuilds the menu once per pulse, however many rows changed at once. */
    private void refresh() {
        if (pending || backend == null) {
            return;
        }
        pending = true;
        Platform.runLater(() -> {
            pending = false;
            follow();
            menu = TrayMenuBuilder.build(targets(), this);
            backend.show(menu);
        });
    }

    /** Price changes come without a state change: listen to each row's provider report too. */
    private void follow() {
        for (TargetItem item : items) {
            if (followed.add(item)) {
                item.liveProperty().addListener(changed);
            }
        }
        followed.removeIf(item -> {
            boolean gone = !items.contains(item);
            if (gone) {
                item.liveProperty().removeListener(changed);
            }
            return gone;
        });
    }

    private List<TrayTarget> targets() {
        return items.stream().map(this::describe).toList();
    }

    private TrayTarget describe(TargetItem item) {
        Target target = item.target();
        LiveState live = item.liveState();
        boolean known = lifecycle.providers().has(target.kind());
        List<TargetAction> stops = cloud.supported(item).stream()
                .filter(a -> a == TargetAction.PAUSE || a == TargetAction.STOP)
                .filter(a -> cloud.allowed(item, a)).toList();
        return new TrayTarget(item.name(), item.state(), live.pricePerHour(), known && lifecycle.paid(target, live), stops,
                actions.canConnect(), actions.canConnect() && target instanceof SshServer,
                item.notebookUrlProperty().get() != null, attention.note(item.name()));
    }

    @Override
    public void openNotebook(String target) {
        item(target).ifPresent(item -> {
            host.showWindow();
            actions.openNotebook(item);
        });
    }

    @Override
    public void perform(String target, TargetAction action) {
        item(target).ifPresent(item -> cloud.perform(item, action, (row, state) -> true).whenComplete((after, failure) -> {
            if (failure != null) {
                host.failed(failure);
            }
        }));
    }

    @Override
    public void openInVsCode(String target) {
        item(target).ifPresent(item -> {
            host.showWindow();
            actions.openInVsCode(item);
        });
    }

    @Override
    public void pauseAll(List<String> targets) {
        if (targets.isEmpty() || !host.confirmPauseAll(targets)) {
            return;
        }
        for (String name : targets) {
            item(name).ifPresent(item -> {
                // Pause where the kind has it (keeps the disk), else stop: either ends the billing.
                TargetAction action = cloud.allowed(item, TargetAction.PAUSE) ? TargetAction.PAUSE : TargetAction.STOP;
                if (cloud.allowed(item, action)) {
                    perform(name, action);
                } else {
                    LOG.info("Pause all: {} can be neither paused nor stopped now", name);
                }
            });
        }
    }

    @Override
    public void showWindow() {
        host.showWindow();
    }

    @Override
    public void quit() {
        host.quit();
    }

    private Optional<TargetItem> item(String name) {
        return items.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    @Override
    public void close() {
        items.removeListener(changed);
        cloud.running().removeListener(changed);
        if (language != null) {
            language.removeListener(relabel);
        }
        followed.forEach(item -> item.liveProperty().removeListener(changed));
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Closing a tray subscription", e);
            }
        }
        if (backend != null) {
            backend.close();
        }
    }
}
