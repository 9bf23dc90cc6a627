package app.tether.watch;

import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.PreemptionRestart;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.Provider;
import app.tether.providers.TargetAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches targets of one provider every {@link Provider#pollInterval()}: reports state changes, and when a target
 * becomes PREEMPTED (the provider decides that from the cloud's own record, so a user's stop never counts) applies
 * its "restart after preemption" setting: off, ask, or automatic — start again, retrying with backoff while the
 * cloud has no capacity, wait until it runs, then {@link AfterRestart reconnect} (SSH, Jupyter, the tunnel's port).
 */
public final class PreemptionWatcher<T extends Target> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreemptionWatcher.class);

    /** What to do once a restarted target runs again (reach it, put its tunnel back); may block. */
    @FunctionalInterface
    public interface AfterRestart<T> {
        void reconnect(T target, Progress progress) throws InterruptedException;
    }

    /** How long to wait between restart tries while the zone has no capacity. */
    public record Backoff(Duration first, Duration max, Duration runningWithin) {
        public static final Backoff STANDARD = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10),
                Duration.ofMinutes(10));

        Duration after(Duration previous) {
            Duration doubled = previous.multipliedBy(2);
            return doubled.compareTo(max) > 0 ? max : doubled;
        }
    }

    private final Provider<T> provider;
    private final Supplier<List<T>> targets;
    private final Function<T, PreemptionRestart> policy;
    private final Predicate<RuntimeException> noCapacity;
    private final AfterRestart<T> afterRestart;
    private final Consumer<WatchEvent> events;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService restarts;
    private final Map<String, TargetState> last = new ConcurrentHashMap<>();
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> rounds;
    private volatile StateObserver observer;

    public PreemptionWatcher(Provider<T> provider, Supplier<List<T>> targets, Function<T, PreemptionRestart> policy,
            Predicate<RuntimeException> noCapacity, AfterRestart<T> afterRestart, Consumer<WatchEvent> events,
            Backoff backoff, ScheduledExecutorService scheduler, ExecutorService restarts) {
        this.provider = provider;
        this.targets = targets;
        this.policy = policy;
        this.noCapacity = noCapacity;
        this.afterRestart = afterRestart;
        this.events = events;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.restarts = restarts;
    }

    /** Also tells {@code stateObserver} every state observed in a round (the guard's idle rule and spend ledger). */
    public PreemptionWatcher<T> observedBy(StateObserver stateObserver) {
        this.observer = stateObserver;
        return this;
    }

    /** Starts the rounds: the first at once, then every poll interval. */
    public void start() {
        long every = provider.pollInterval().toMillis();
        rounds = scheduler.scheduleWithFixedDelay(this::roundQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    private void roundQuietly() {
        try {
            round();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Watch round failed", e);
        }
    }

    /** One observation of every target (public so tests and a manual refresh can drive it). */
    public void round() throws InterruptedException {
        List<T> watched = targets.get();
        Map<String, LiveState> states;
        try {
            states = provider.observe(watched);
        } catch (TetherException e) {
            for (T target : watched) {
                emit(target.name(), WatchEvent.Type.OBSERVE_FAILED, null, e.getLocalizedMessage());
            }
            return;
        }
        for (T target : watched) {
            LiveState state = states.get(target.name());
            if (state == null) {
                continue;
            }
            tell(target, state);
            TargetState before = last.put(target.name(), state.state());
            if (before == state.state()) {
                continue;
            }
            String word = Messages.get(state.state().messageKey());
            emit(target.name(), WatchEvent.Type.STATE_CHANGED, state.state(), state.message() == null
                    ? Messages.get("watch.event.state", target.name(), word)
                    : Messages.get("watch.event.stateNote", target.name(), word, state.message()));
            if (state.state() == TargetState.PREEMPTED) {
                preempted(target);
            }
        }
    }

    private void tell(T target, LiveState state) {
        StateObserver told = observer;
        if (told != null) {
            try {
                told.observed(target, state);
            } catch (RuntimeException e) {
                LOG.warn("State observer failed on {}", target.name(), e);
            }
        }
    }

    private void preempted(T target) {
        emit(target.name(), WatchEvent.Type.PREEMPTED, TargetState.PREEMPTED,
                Messages.get("watch.event.preempted", target.name()));
        switch (policy.apply(target)) {
            case ASK -> emit(target.name(), WatchEvent.Type.RESTART_ASKED, null,
                    Messages.get("watch.event.ask", target.name()));
            case AUTOMATIC -> {
                if (restarting.add(target.name())) {
                    restarts.submit(() -> restartQuietly(target));
                }
            }
            default -> {
                // off: the notification is all
            }
        }
    }

    /** Starts a preempted target again now (the "ask" answer, or automatic). */
    public void restart(T target) {
        if (restarting.add(target.name())) {
            restarts.submit(() -> restartQuietly(target));
        }
    }

    private void restartQuietly(T target) {
        try {
            restartUntilRunning(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            emit(target.name(), WatchEvent.Type.RESTART_FAILED, null, Messages.get("watch.event.restartFailed",
                    target.name(), e instanceof TetherException t ? t.getLocalizedMessage() : String.valueOf(e)));
        } finally {
            restarting.remove(target.name());
        }
    }

    private void restartUntilRunning(T target) throws InterruptedException {
        Duration wait = backoff.first();
        while (true) {
            emit(target.name(), WatchEvent.Type.RESTARTING, TargetState.STARTING,
                    Messages.get("watch.event.restarting", target.name()));
            try {
                provider.perform(target, TargetAction.START, Progress.NONE);
                break;
            } catch (RuntimeException e) {
                if (!noCapacity.test(e)) {
                    throw e;
                }
                emit(target.name(), WatchEvent.Type.WAITING_FOR_CAPACITY, null, Messages.get("watch.event.capacity",
                        target.name(), e instanceof TetherException t ? t.getLocalizedMessage() : String.valueOf(e),
                        String.valueOf(Math.max(1, wait.toSeconds()))));
                Thread.sleep(wait.toMillis());
                wait = backoff.after(wait);
            }
        }
        awaitRunning(target);
        afterRestart.reconnect(target, new Progress() {
            @Override
            public void step(int index, int total, String text) {
                LOG.info("{}: {}", target.name(), text);
            }

            @Override
            public void line(String text) {
                LOG.info("{}: {}", target.name(), text);
            }
        });
        last.put(target.name(), TargetState.RUNNING);
        emit(target.name(), WatchEvent.Type.RESTARTED, TargetState.RUNNING,
                Messages.get("watch.event.restarted", target.name()));
    }

    private void awaitRunning(T target) throws InterruptedException {
        Instant deadline = Instant.now().plus(backoff.runningWithin());
        while (true) {
            LiveState state = provider.observe(List.of(target)).get(target.name());
            if (state != null && state.state() == TargetState.RUNNING) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new TetherException(app.tether.core.ErrorCode.CANNOT_CONNECT, "watch.error.notRunning",
                        target.name(), backoff.runningWithin().toMinutes());
            }
            Thread.sleep(Math.min(2000, provider.pollInterval().toMillis()));
        }
    }

    private void emit(String target, WatchEvent.Type type, TargetState state, String message) {
        WatchEvent event = new WatchEvent(Instant.now(), target, type, state, message);
        LOG.info("{} {}: {}", type, target, message);
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("Watch event listener failed", e);
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> running = rounds;
        if (running != null) {
            running.cancel(true);
        }
        restarts.shutdownNow();
    }
}
