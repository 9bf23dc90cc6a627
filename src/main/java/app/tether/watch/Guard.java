package app.tether.watch;

import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.ProviderPolls;
import app.tether.providers.ProviderRefresher;
import app.tether.providers.TargetAction;
import app.tether.workflow.Lifecycle;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tether's watcher of every target, for the window and {@code tether watch}: the provider refresher observes the
 * cloud kinds (and SSH servers that were named), kind watchers add their own events (preemption for GCE, end of
 * workspace for CNB), every observation goes to the {@link StateObserver}s (the {@link IdleRule} first, the spend
 * ledger with {@link #addObserver}), and all events go to one consumer (the process's {@link WatchEvents}). It is
 * also the {@link EventResponses} the notification buttons, the tray and the window call.
 */
public final class Guard implements EventResponses, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
    /** How often the idle countdown is advanced. */
    static final Duration TICK = Duration.ofSeconds(5);

    /** A kind's own watcher (preemption, end of workspace) that the guard starts with itself. */
    public interface KindWatcher extends AutoCloseable {
        /** The kinds whose observations this watcher makes itself (the refresher leaves them out); may be empty. */
        Set<TargetKind> observes();

        /** Starts it; it tells {@code observations} each state it observes and publishes into the guard's events. */
        void start(StateObserver observations);

        @Override
        void close();
    }

    private final Lifecycle lifecycle;
    private final Supplier<List<Target>> targets;
    private final Set<String> named;
    private final IdleSettingsStore settings;
    private final IdleRule idle;
    private final Consumer<WatchEvent> events;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor actions;
    private final Consumer<String> open;
    private final List<StateObserver> observers = new CopyOnWriteArrayList<>();
    private final List<KindWatcher> watchers = new CopyOnWriteArrayList<>();
    private final Map<String, TargetState> last = new ConcurrentHashMap<>();
    private final Set<TargetKind> failing = ConcurrentHashMap.newKeySet();
    private volatile List<Target> snapshot = List.of();
    private volatile StopSafety stopSafety = StopSafety.NONE;
    private ProviderPolls.Subscription refresher;

    /**
     * @param targets   the inventory's targets now (read at every refresher tick: keep it cheap)
     * @param named     the targets to watch; empty for every one
     * @param scheduler runs the countdown's ticks; {@code actions} runs pauses and restarts (network calls)
     * @param open      what "Open" does (the window shows the target; headless, nothing)
     */
    public Guard(Lifecycle lifecycle, Supplier<List<Target>> targets, Set<String> named, IdleSettingsStore settings,
            IdleSignals signals, Consumer<WatchEvent> events, Clock clock, ScheduledExecutorService scheduler,
            Executor actions, Consumer<String> open) {
        this.lifecycle = lifecycle;
        this.targets = targets;
        this.named = Set.copyOf(named);
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.scheduler = scheduler;
        this.actions = actions;
        this.open = open;
        this.idle = new IdleRule(settings, signals, this::pauseOrStop, events, clock, actions);
        observers.add(idle);
        observers.add(new BuildWatch(events, clock));
    }

    /** Adds an observer of every observed state (the spend ledger). */
    public Guard addObserver(StateObserver observer) {
        observers.add(observer);
        return this;
    }

    /** What is asked before the guard stops (not pauses) a target on its own; nothing by default. */
    public Guard stopSafety(StopSafety safety) {
        this.stopSafety = java.util.Objects.requireNonNull(safety);
        return this;
    }

    /** Adds a kind's own watcher, started with the guard. */
    public Guard addWatcher(KindWatcher watcher) {
        watchers.add(watcher);
        return this;
    }

    public IdleRule idle() {
        return idle;
    }

    /** Starts the refresher, the kind watchers and the countdown's ticks. */
    public synchronized void start() {
        if (refresher != null) {
            return;
        }
        Set<TargetKind> kinds = EnumSet.allOf(TargetKind.class);
        for (KindWatcher watcher : watchers) {
            kinds.removeAll(watcher.observes());
        }
        watched(); // the snapshot that the last round, replayed to a late subscriber, is matched against
        // The polls are the process's (the window's list hears the same rounds): one request per interval, not two.
        refresher = lifecycle.polls().subscribe(kinds, this::watched, true, new ProviderRefresher.Listener() {
            @Override
            public void observed(TargetKind kind, Map<String, LiveState> states) {
                failing.remove(kind);
                observedRound(states);
            }

            @Override
            public void failed(TargetKind kind, TetherException failure, Duration retryIn) {
                if (failing.add(kind)) {
                    for (Target target : snapshot) {
                        if (target.kind() == kind) {
                            emit(target.name(), WatchEvent.Type.OBSERVE_FAILED, null, failure.getLocalizedMessage());
                        }
                    }
                }
            }
        });
        watchers.forEach(w -> w.start(this::dispatch));
        scheduler.scheduleWithFixedDelay(this::tickQuietly, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The targets the refresher asks about: the named ones, else every cloud target and SSH servers with idle on. */
    private List<Target> watched() {
        List<Target> all = targets.get().stream().filter(t -> named.isEmpty() ? t.kind() != TargetKind.SSH
                || settings.chosen(t.name()).map(IdleSettings::enabled).orElse(false) : named.contains(t.name()))
                .toList();
        snapshot = all;
        return all;
    }

    private void observedRound(Map<String, LiveState> states) {
        for (Target target : snapshot) {
            LiveState state = states.get(target.name());
            if (state == null) {
                continue;
            }
            TargetState before = last.put(target.name(), state.state());
            if (before != state.state()) {
                String word = Messages.get(state.state().messageKey());
                emit(target.name(), WatchEvent.Type.STATE_CHANGED, state.state(), state.message() == null
                        ? Messages.get("watch.event.state", target.name(), word)
                        : Messages.get("watch.event.stateNote", target.name(), word, state.message()));
            }
            dispatch(target, state);
        }
    }

    /** Hands one observation to every observer (public so tests and a manual refresh can drive it). */
    public void dispatch(Target target, LiveState state) {
        for (StateObserver observer : observers) {
            try {
                observer.observed(target, state);
            } catch (RuntimeException e) {
                LOG.warn("State observer failed on {}", target.name(), e);
            }
        }
    }

    private void tickQuietly() {
        try {
            idle.tick();
        } catch (RuntimeException e) {
            LOG.warn("Idle countdown tick failed", e);
        }
    }

    /** The idle rule's action: pause, or stop where the kind cannot pause. */
    private LiveState pauseOrStop(Target target) throws InterruptedException {
        TargetAction action = lifecycle.supported(target).contains(TargetAction.PAUSE) ? TargetAction.PAUSE
                : TargetAction.STOP;
        if (action == TargetAction.STOP) {
            java.util.Optional<String> risk = stopSafety.risk(target);
            if (risk.isPresent()) {
                LOG.info("Not stopping {} on its own: {}", target.name(), risk.get());
                throw new TetherException(app.tether.core.ErrorCode.FAILURE, "idle.stop.atRisk", risk.get());
            }
        }
        LiveState after = lifecycle.perform(target, action, false, Progress.NONE).orElseThrow(() ->
                new TetherException(app.tether.core.ErrorCode.FAILURE, "lifecycle.inFlight", target.name(),
                        lifecycle.guard().inFlight(target.name()).orElse("")));
        if (refresher != null) {
            refresher.refreshNow(target.kind());
        }
        return after;
    }

    @Override
    public void keepRunning(String target) {
        idle.keepRunning(target);
    }

    @Override
    public void pauseNow(String target) {
        find(target).ifPresent(idle::pauseNow);
    }

    @Override
    public void restart(String target) {
        find(target).ifPresent(found -> actions.execute(() -> {
            try {
                lifecycle.perform(found, TargetAction.START, false, Progress.NONE);
                if (refresher != null) {
                    refresher.refreshNow(found.kind());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                emit(found.name(), WatchEvent.Type.RESTART_FAILED, null, Messages.get("watch.event.restartFailed",
                        found.name(), e instanceof TetherException t ? t.getLocalizedMessage() : String.valueOf(e)));
            }
        }));
    }

    @Override
    public void open(String target) {
        open.accept(target);
    }

    private Optional<Target> find(String name) {
        return targets.get().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private void emit(String target, WatchEvent.Type type, TargetState state, String message) {
        LOG.info("{} {}: {}", type, target, message);
        try {
            events.accept(new WatchEvent(clock.instant(), target, type, state, message));
        } catch (RuntimeException e) {
            LOG.warn("Watch event listener failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.close();
        }
        watchers.forEach(KindWatcher::close);
        scheduler.shutdownNow();
        for (StateObserver observer : observers) {
            if (observer instanceof AutoCloseable closeable) { // the spend ledger writes its last minute
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing a state observer failed", e);
                }
            }
        }
    }
}
