package app.tether.ui;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.providers.LiveState;
import app.tether.providers.Provider;
import app.tether.providers.TargetAction;
import app.tether.workflow.Lifecycle;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The lifecycle buttons of every kind (Start, Pause, Stop, Restart, Factory reboot) as a view model: which
 * actions a target's provider supports and allows now, which target has one in flight (a second click does
 * nothing), and sending one in the background with its progress.
 */
public final class CloudActions {
    /** Asks the user before an action that starts billing; true to go ahead. */
    @FunctionalInterface
    public interface PaidStartQuestion {
        boolean confirm(TargetItem item, LiveState state);
    }

    private final Lifecycle lifecycle;
    private final FxExecutors executors;
    /** The targets with an action in flight (by name), each with the progress the window shows. */
    private final ObservableMap<String, ProgressModel> running = FXCollections.observableHashMap();

    public CloudActions(Lifecycle lifecycle, FxExecutors executors) {
        this.lifecycle = lifecycle;
        this.executors = executors;
    }

    /** The actions the target's kind offers at all, in a stable order; empty when no provider knows the kind. */
    public List<TargetAction> supported(TargetItem item) {
        Provider<Target> provider = provider(item.target());
        if (provider == null) {
            return List.of();
        }
        Set<TargetAction> supported = provider.supported(item.target());
        // A Space's Stop and Pause both pause it: one button, in the Space's own word.
        boolean sameStop = item.target().kind() == TargetKind.HF_SPACE && supported.contains(TargetAction.PAUSE);
        return Arrays.stream(TargetAction.values()).filter(supported::contains)
                .filter(action -> !(sameStop && action == TargetAction.STOP)).toList();
    }

    /** Whether {@code action} can be sent now: the provider allows it in the current state and nothing is in flight. */
    public boolean allowed(TargetItem item, TargetAction action) {
        Provider<Target> provider = provider(item.target());
        return provider != null && !busy(item) && lifecycle.allowed(item.target(), item.liveState()).contains(action);
    }

    public boolean busy(TargetItem item) {
        return running.containsKey(item.name());
    }

    /** Targets with an action in flight and its progress (FX thread only). */
    public ObservableMap<String, ProgressModel> running() {
        return running;
    }

    /**
     * Sends {@code action} for {@code item} through the checked {@link Lifecycle} in the background and follows
     * the target until it gets where the action aims, with progress; the row shows the state it ends in. Does
     * nothing (an already completed, empty future) while another action of that target is in flight or when
     * the user declines a start that costs money; an action the state does not allow is refused unsent.
     */
    public CompletableFuture<LiveState> perform(TargetItem item, TargetAction action, PaidStartQuestion ask) {
        if (busy(item)) {
            return CompletableFuture.completedFuture(null);
        }
        Target target = item.target();
        Provider<Target> provider = provider(target);
        LiveState before = item.liveState();
        if (provider == null || !provider.allowed(target, before).contains(action)) {
            return CompletableFuture.failedFuture(new TetherException(ErrorCode.INVALID, "ui.cloud.refused",
                    Messages.get("ui.cloud.action." + action.id()), target.name(), Messages.get(before.state().messageKey())));
        }
        if (startsBilling(action, before) && provider.paid(target, before) && !ask.confirm(item, before)) {
            return CompletableFuture.completedFuture(null);
        }
        ProgressModel progress = new ProgressModel(executors.fx());
        progress.line(Messages.get("ui.cloud.sending", Messages.get("ui.cloud.action." + action.id()), target.name()));
        running.put(item.name(), progress);
        return executors.supply(() -> {
            try {
                return lifecycle.perform(target, action, true, progress).orElse(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TetherException(ErrorCode.FAILURE, e, "ui.cloud.interrupted", target.name());
            }
        }).whenComplete((after, failure) -> {
            running.remove(item.name());
            if (after != null) {
                item.applyLive(after);
            }
        });
    }

    /** The price per hour a paid start of {@code item} is asked with; empty when unknown. */
    public java.util.Optional<String> startPrice(TargetItem item, LiveState state) {
        return lifecycle.startPrice(item.target(), state);
    }

    /** A start, or a restart of a target that is not running: the meter starts turning. */
    private static boolean startsBilling(TargetAction action, LiveState state) {
        boolean running = switch (state.state()) {
            case RUNNING, STARTING, ONLINE -> true;
            default -> false;
        };
        return action == TargetAction.START || (!running && (action == TargetAction.RESTART
                || action == TargetAction.FACTORY_RESTART));
    }

    private Provider<Target> provider(Target target) {
        return lifecycle.providers().has(target.kind()) ? lifecycle.providers().forTarget(target) : null;
    }
}
