package app.tether.watch;

import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.PreemptionRestart;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.Provider;
import app.tether.providers.ProviderPolls;
import app.tether.providers.ProviderRefresher;
import app.tether.providers.TargetAction;
import app.tether.workflow.ActionGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches targets of one provider through the process's {@link ProviderPolls} (the rounds the window's list and the
 * guard hear too, so the cloud is asked once per {@link Provider#pollInterval()} however many listen): reports state
 * changes, and when a target becomes PREEMPTED (the provider decides that from the cloud's own record, so a user's
 * stop never counts) applies its "restart after preemption" setting: off, ask, or automatic — start again, retrying
 * with backoff while the cloud has no capacity, wait until it runs, then {@link AfterRestart reconnect} (SSH,
 * Jupyter, the tunnel's port).
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
    private final ProviderPolls polls;
    private final ActionGuard guard;
    private final Supplier<List<T>> targets;
    private final Function<T, PreemptionRestart> policy;
    private final Predicate<RuntimeException> noCapacity;
    private final AfterRestart<T> afterRestart;
    private final Consumer<WatchEvent> events;
    private final Backoff backoff;
    private final ExecutorService restarts;
    private final Map<String, TargetState> last = new ConcurrentHashMap<>();
    /** Each target's latest observation, for a restart waiting until it runs (notified on this map). */
    private final Map<String, LiveState> latest = new ConcurrentHashMap<>();
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    private volatile List<T> snapshot = List.of();
    private volatile StateObserver observer;
    private ProviderPolls.Subscription subscription; // guarded by this

    /**
     * @param polls   the process's polls ({@code Lifecycle.polls()}), whose providers include {@code provider}
     * @param guard   the process's action guard ({@code Lifecycle.guard()}): each start is sent holding it, so no
     *                click of the user's on the same VM runs at the same time, and a restart finding an action of
     *                the user's under way leaves the VM to the user
     * @param targets asked at every tick of the polls, four times a second: keep it cheap (no file read)
     */
    public PreemptionWatcher(Provider<T> provider, ProviderPolls polls, ActionGuard guard, Supplier<List<T>> targets,
            Function<T, PreemptionRestart> policy, Predicate<RuntimeException> noCapacity, AfterRestart<T> afterRestart,
            Consumer<WatchEvent> events, Backoff backoff, ExecutorService restarts) {
        this.provider = provider;
        this.polls = polls;
        this.guard = guard;
        this.targets = targets;
        this.policy = policy;
        this.noCapacity = noCapacity;
        this.afterRestart = afterRestart;
        this.events = events;
        this.backoff = backoff;
        this.restarts = restarts;
    }

    /** Also tells {@code stateObserver} every state observed in a round (the guard's idle rule and spend ledger). */
    public PreemptionWatcher<T> observedBy(StateObserver stateObserver) {
        this.observer = stateObserver;
        return this;
    }

    /**
     * Subscribes to the polls at the full rate (a preemption is seen within two intervals even with no window on
     * screen); a later subscriber hears the last round at once.
     */
    public synchronized void start() {
        if (subscription != null) {
            return;
        }
        watched(); // the snapshot that the last round, replayed to a late subscriber, is matched against
        subscription = polls.subscribe(Set.of(provider.kind()), this::watched, true, new ProviderRefresher.Listener() {
            @Override
            public void observed(TargetKind kind, Map<String, LiveState> states) {
                observedRound(states);
            }

            @Override
            public void failed(TargetKind kind, TetherException failure, Duration retryIn) {
                for (T target : snapshot) {
                    emit(target.name(), WatchEvent.Type.OBSERVE_FAILED, null, failure.getLocalizedMessage());
                }
            }
        });
    }

    /** The targets the polls ask about for this watcher; the round's states are matched against this list. */
    private List<Target> watched() {
        List<T> now = List.copyOf(targets.get());
        snapshot = now;
        return java.util.Collections.unmodifiableList(now);
    }

    /** One round's states (from the polls' thread, or the last round replayed when subscribing): one at a time. */
    private synchronized void observedRound(Map<String, LiveState> states) {
        for (T target : snapshot) {
            LiveState state = states.get(target.name());
            if (state == null) {
                continue;
            }
            synchronized (latest) {
                latest.put(target.name(), state);
                latest.notifyAll();
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
        Instant sent;
        LiveState answer;
        while (true) {
            if (!guard.tryBegin(target.name(), TargetAction.START.id())) {
                emit(target.name(), WatchEvent.Type.RESTART_LEFT, null,
                        Messages.get("watch.event.restartLeft", target.name()));
                return;
            }
            RuntimeException failure;
            try {
                emit(target.name(), WatchEvent.Type.RESTARTING, TargetState.STARTING,
                        Messages.get("watch.event.restarting", target.name()));
                sent = Instant.now();
                answer = provider.perform(target, TargetAction.START, Progress.NONE);
                break;
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                guard.end(target.name()); // not held while waiting for capacity: the user may stop it meanwhile
            }
            if (!noCapacity.test(failure)) {
                throw failure;
            }
            emit(target.name(), WatchEvent.Type.WAITING_FOR_CAPACITY, null, Messages.get("watch.event.capacity",
                    target.name(), failure instanceof TetherException t ? t.getLocalizedMessage() : String.valueOf(failure),
                    String.valueOf(Math.max(1, wait.toSeconds()))));
            Thread.sleep(wait.toMillis());
            wait = backoff.after(wait);
        }
        if (answer == null || answer.state() != TargetState.RUNNING) {
            awaitRunning(target, sent);
        }
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

    /**
     * Waits for a round of the polls observed after {@code sent} that sees the target running (the start's own answer,
     * read when its operation ended, did not yet): one round asked for now, then the regular ones.
     */
    private void awaitRunning(T target, Instant sent) throws InterruptedException {
        Instant deadline = Instant.now().plus(backoff.runningWithin());
        ProviderPolls.Subscription asking;
        synchronized (this) {
            asking = subscription;
        }
        if (asking != null) {
            asking.refreshNow(provider.kind());
        }
        synchronized (latest) {
            while (true) {
                LiveState state = latest.get(target.name());
                if (state != null && state.state() == TargetState.RUNNING && !state.observedAt().isBefore(sent)) {
                    return;
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new TetherException(app.tether.core.ErrorCode.CANNOT_CONNECT, "watch.error.notRunning",
                            target.name(), backoff.runningWithin().toMinutes());
                }
                latest.wait(left);
            }
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
        synchronized (this) {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
        }
        restarts.shutdownNow();
    }
}
