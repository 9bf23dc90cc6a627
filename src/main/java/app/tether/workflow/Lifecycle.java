package app.tether.workflow;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.Provider;
import app.tether.providers.ProviderPolls;
import app.tether.providers.Providers;
import app.tether.providers.StageWords;
import app.tether.providers.StateCache;
import app.tether.providers.TargetAction;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Actions on targets of every kind through checked transitions: an action the kind does not support is a
 * usage error, one the current state does not permit is refused before anything is sent, and a second action
 * on a target while one is in flight in this process does nothing. Every observation lands in the
 * {@link StateCache}. Blocking: call it off the FX thread.
 */
public final class Lifecycle {
    /** How long a start or stop may take before {@link #await} gives up (cloud builds take minutes). */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(20);
    private static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    private final Providers providers;
    private final StateCache cache;
    private final ActionGuard guard;
    private final Duration poll;
    private final ProviderPolls polls;

    public Lifecycle(Providers providers, StateCache cache) {
        this(providers, cache, ActionGuard.PROCESS, DEFAULT_POLL);
    }

    /** With a chosen guard and how often {@link #await} asks for the state (tests: short). */
    public Lifecycle(Providers providers, StateCache cache, ActionGuard guard, Duration poll) {
        this.providers = Objects.requireNonNull(providers);
        this.cache = Objects.requireNonNull(cache);
        this.guard = Objects.requireNonNull(guard);
        this.poll = Objects.requireNonNull(poll);
        this.polls = new ProviderPolls(providers, cache);
    }

    public Providers providers() {
        return providers;
    }

    public StateCache cache() {
        return cache;
    }

    public ActionGuard guard() {
        return guard;
    }

    /** The periodic state polls of this process's providers, shared by everything that watches targets. */
    public ProviderPolls polls() {
        return polls;
    }

    /** The live state of one target, asked now (and recorded). */
    public LiveState observe(Target target) throws InterruptedException {
        Provider<Target> provider = providers.forTarget(target);
        LiveState state = provider.observe(List.of(target)).get(target.name());
        state = state == null ? LiveState.unknown() : state;
        cache.record(target.name(), state);
        return state;
    }

    public Set<TargetAction> supported(Target target) {
        return providers.forTarget(target).supported(target);
    }

    /** The actions allowed now given {@code state}; none while an action is in flight here. */
    public Set<TargetAction> allowed(Target target, LiveState state) {
        if (guard.inFlight(target.name()).isPresent()) {
            return Set.of();
        }
        return providers.forTarget(target).allowed(target, state);
    }

    /** Whether running this target costs money (Connect asks first). */
    public boolean paid(Target target, LiveState state) {
        return providers.forTarget(target).paid(target, state);
    }

    /** The price per hour a paid start of {@code target} is asked with ({@link StartPrice}); empty when unknown. */
    public Optional<String> startPrice(Target target, LiveState state) {
        return StartPrice.text(providers.forTarget(target), target, state);
    }

    /**
     * Checks and sends {@code action}; with {@code wait}, follows the target until it gets where the action
     * aims ({@link Goal#of}) with a progress line per change. Empty when an action on that target is already in
     * flight in this process (nothing sent).
     *
     * @throws TetherException USAGE when the kind does not support the action, INVALID when the state does not
     *                         permit it, the provider's failure when the API refuses or cannot be reached
     */
    public Optional<LiveState> perform(Target target, TargetAction action, boolean wait, Progress progress)
            throws InterruptedException {
        Provider<Target> provider = providers.forTarget(target);
        if (!provider.supported(target).contains(action)) {
            throw unsupported(target, action);
        }
        if (!guard.tryBegin(target.name(), action.id())) {
            progress.line(Messages.get("lifecycle.inFlight", target.name(), guard.inFlight(target.name()).orElse("")));
            return Optional.empty();
        }
        try {
            LiveState now = observe(target);
            if (!provider.allowed(target, now).contains(action)) {
                throw new TetherException(ErrorCode.INVALID, "lifecycle.error.notAllowed", target.name(),
                        Messages.get(action.messageKey()), describe(target, now));
            }
            LiveState after = provider.perform(target, action, progress);
            cache.record(target.name(), after);
            if (wait) {
                progress.line(Messages.get("lifecycle.now", target.name(), describe(target, after)));
            }
            return Optional.of(wait ? followUntil(provider, target, Goal.of(action), after, DEFAULT_WAIT, progress)
                    : after);
        } finally {
            guard.end(target.name());
        }
    }

    /** Follows {@code target} until it reaches {@code goal}, printing each change; fails on an error state. */
    public LiveState await(Target target, Goal goal, Duration timeout, Progress progress) throws InterruptedException {
        Provider<Target> provider = providers.forTarget(target);
        return followUntil(provider, target, goal, null, timeout, progress);
    }

    private LiveState followUntil(Provider<Target> provider, Target target, Goal goal, LiveState last,
            Duration timeout, Progress progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String shown = last == null ? null : describe(target, last);
        boolean first = last == null;
        while (true) {
            if (!first) {
                Thread.sleep(poll.toMillis());
            }
            first = false;
            LiveState state = provider.observe(List.of(target)).get(target.name());
            state = state == null ? LiveState.unknown() : state;
            cache.record(target.name(), state);
            String text = describe(target, state);
            if (!text.equals(shown)) {
                progress.line(Messages.get("lifecycle.now", target.name(), text));
                shown = text;
            }
            if (goal.reachedBy(state.state())) {
                return state;
            }
            if (state.state() == TargetState.ERROR) {
                throw new TetherException(ErrorCode.REMOTE_FAILED, "lifecycle.error.failed", target.name(), text);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TetherException(ErrorCode.FAILURE, "lifecycle.error.timeout", target.name(),
                        String.valueOf(timeout.toMinutes()), text);
            }
        }
    }

    /** "starting (APP_STARTING)", "stopped (closed)" or "error (BUILD_ERROR): message"; the stage in the user's words. */
    public static String describe(Target target, LiveState state) {
        String text = Messages.get(state.state().messageKey()).toLowerCase(Messages.locale());
        if (state.stage() != null && !state.stage().equalsIgnoreCase(state.state().id())) {
            text += " (" + StageWords.display(target.kind(), state.stage()) + ")";
        }
        if (state.message() != null && !state.message().isBlank()) {
            text += ": " + state.message();
        }
        return text;
    }

    private static TetherException unsupported(Target target, TargetAction action) {
        String key = "lifecycle.error.unsupported." + target.kind().id();
        return new TetherException(ErrorCode.USAGE, key, target.name(), Messages.get(action.messageKey()));
    }
}
