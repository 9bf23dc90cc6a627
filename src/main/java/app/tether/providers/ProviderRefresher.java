package app.tether.providers;

import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic status of the cloud kinds, one {@link Provider#observe} call per kind per round (the provider asks
 * one request per account), every {@link Provider#pollInterval()} while the window is visible and
 * {@value #HIDDEN_FACTOR} times less often when hidden. A failing API is retried later and later (doubling,
 * at most {@link #MAX_BACKOFF}); a 429 waits at least its Retry-After. Each round lands in the
 * {@link StateCache} and goes to the listener on a background thread. The next round comes after
 * {@link Provider#pollInterval(Map)} of what the round saw (sooner while a Space builds), or at once when the cache
 * shows a state of one of its targets that is newer and different (an action's answer, from any Tether process).
 * No UI code here: the window, the tray and watchers all use it.
 */
public final class ProviderRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRefresher.class);
    static final int HIDDEN_FACTOR = 6;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final long TICK_MILLIS = 250;

    /** What the refresher tells its user; called on a background thread, one call at a time per kind. */
    public interface Listener {
        /** States observed in one round of {@code kind}, by target name. */
        void observed(TargetKind kind, Map<String, LiveState> states);

        /** A round of {@code kind} failed (API unreachable, credentials refused, rate limited); next try after {@code retryIn}. */
        void failed(TargetKind kind, TetherException failure, Duration retryIn);
    }

    /** Per-kind bookkeeping; guarded by the refresher's lock. */
    private static final class Slot {
        Instant due = Instant.MIN;
        /** A 429's Retry-After: not even a click asks before then. */
        Instant notBefore = Instant.MIN;
        int failures;
        boolean busy;
        boolean again;
        /** When the last good round observed, and the state it saw of each target. */
        Instant observedAt = Instant.MIN;
        Map<String, TargetState> seen = Map.of();
    }

    private final Providers providers;
    private final Set<TargetKind> kinds;
    private final Supplier<List<Target>> targets;
    private final StateCache cache;
    private final Listener listener;
    private final Map<TargetKind, Slot> slots = new EnumMap<>(TargetKind.class);
    private final ScheduledExecutorService scheduler = BackgroundExecutors.scheduler("cloud-tick", 1);
    private final ExecutorService pool = BackgroundExecutors.pool("cloud-refresh");
    private volatile boolean visible = true;
    private volatile boolean closed;
    private boolean started;
    /** The state cache file's modification time when last looked at (guarded by the lock). */
    private FileTime cacheSeen;

    /**
     * @param kinds   the kinds to refresh (the window refreshes SSH servers with its own probe refresher)
     * @param targets asked every tick: keep it cheap (a snapshot list, not a file read)
     */
    public ProviderRefresher(Providers providers, Set<TargetKind> kinds, Supplier<List<Target>> targets,
            StateCache cache, Listener listener) {
        this.providers = Objects.requireNonNull(providers);
        this.kinds = Set.copyOf(kinds);
        this.targets = Objects.requireNonNull(targets);
        this.cache = Objects.requireNonNull(cache);
        this.listener = Objects.requireNonNull(listener);
    }

    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        scheduler.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Window shown or hidden; showing it refreshes every healthy kind at once. */
    public void setWindowVisible(boolean nowVisible) {
        boolean wasVisible = visible;
        visible = nowVisible;
        if (nowVisible && !wasVisible) {
            synchronized (this) {
                slots.values().stream().filter(s -> s.failures == 0).forEach(s -> s.due = s.notBefore);
            }
        }
    }

    /** Refreshes {@code kind} as soon as possible (after an action, or a click), resetting its backoff. */
    public void refreshNow(TargetKind kind) {
        synchronized (this) {
            Slot slot = slots.computeIfAbsent(kind, k -> new Slot());
            slot.failures = 0;
            if (slot.busy) {
                slot.again = true;
            } else {
                slot.due = slot.notBefore;
            }
        }
        try {
            scheduler.execute(this::tick);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        pool.shutdownNow();
    }

    /** The wait after a round: the interval (×6 hidden), doubled per failure up to {@link #MAX_BACKOFF}, at least {@code retryAfter}. */
    static Duration nextDelay(Duration interval, boolean windowVisible, int failures, Duration retryAfter) {
        Duration delay = windowVisible ? interval : interval.multipliedBy(HIDDEN_FACTOR);
        Duration cap = delay.compareTo(MAX_BACKOFF) > 0 ? delay : MAX_BACKOFF;
        for (int i = 0; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(cap) > 0) {
            delay = cap;
        }
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }

    private void tick() {
        List<Target> current;
        try {
            current = List.copyOf(targets.get());
        } catch (RuntimeException e) {
            LOG.warn("Could not list the targets to refresh", e);
            return;
        }
        Instant now = Instant.now();
        Map<String, LiveState> recorded = recordedSinceLastLook();
        synchronized (this) {
            if (closed) {
                return;
            }
            for (TargetKind kind : kinds) {
                if (!recorded.isEmpty()) {
                    dueIfChangedElsewhere(kind, current, recorded);
                }
                if (!providers.has(kind)) {
                    continue;
                }
                List<Target> ofKind = current.stream().filter(t -> t.kind() == kind).toList();
                Slot slot = slots.computeIfAbsent(kind, k -> new Slot());
                if (ofKind.isEmpty() || slot.busy || now.isBefore(slot.due)) {
                    continue;
                }
                slot.busy = true;
                try {
                    pool.execute(() -> round(kind, ofKind));
                } catch (RejectedExecutionException e) {
                    slot.busy = false;
                    return;
                }
            }
        }
    }

    /**
     * The cache's entries when the file changed since last looked at (an action recorded what the API answered, here
     * or in another Tether process: a restart's BUILDING); empty otherwise. A stat per tick, a read per change.
     */
    private Map<String, LiveState> recordedSinceLastLook() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(cache.file());
        } catch (IOException e) {
            return Map.of(); // nothing recorded yet
        }
        synchronized (this) {
            if (modified.equals(cacheSeen)) {
                return Map.of();
            }
            cacheSeen = modified;
        }
        return cache.all();
    }

    /**
     * Makes {@code kind} due now when the cache holds a state of one of its targets observed after its last round
     * and different from what that round saw: a transition this refresher would otherwise only see a full interval
     * later, or never (a build shorter than the interval).
     */
    private void dueIfChangedElsewhere(TargetKind kind, List<Target> current, Map<String, LiveState> recorded) {
        Slot slot = slots.get(kind);
        if (slot == null || slot.observedAt.equals(Instant.MIN)) {
            return;
        }
        for (Target target : current) {
            LiveState state = target.kind() == kind ? recorded.get(target.name()) : null;
            if (state != null && state.observedAt().isAfter(slot.observedAt)
                    && state.state() != slot.seen.get(target.name())) {
                slot.due = slot.notBefore;
                return;
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void round(TargetKind kind, List<Target> ofKind) {
        Provider provider = providers.forTarget(ofKind.get(0));
        Duration retryAfter = null;
        boolean ok = false;
        Duration interval = provider.pollInterval();
        try {
            Map<String, LiveState> states = provider.observe(new ArrayList<>(ofKind));
            cache.record(states);
            ok = true;
            interval = provider.pollInterval(states);
            seen(kind, states);
            if (!closed) {
                try {
                    listener.observed(kind, states);
                } catch (RuntimeException e) {
                    LOG.warn("Refresh listener failed for {}", kind.id(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (TetherException e) {
            retryAfter = e instanceof RateLimitedException limited ? limited.retryAfter() : null;
            notifyFailure(kind, e, provider.pollInterval(), retryAfter);
        } catch (RuntimeException e) {
            LOG.warn("Refresh of {} failed", kind.id(), e);
            notifyFailure(kind, new TetherException(ErrorCode.FAILURE, e, "error.unexpected", String.valueOf(e)),
                    provider.pollInterval(), null);
        } finally {
            finished(kind, ok, interval, retryAfter);
        }
    }

    private synchronized void seen(TargetKind kind, Map<String, LiveState> states) {
        Slot slot = slots.get(kind);
        Map<String, TargetState> seen = new java.util.HashMap<>();
        Instant latest = slot.observedAt;
        for (Map.Entry<String, LiveState> entry : states.entrySet()) {
            seen.put(entry.getKey(), entry.getValue().state());
            latest = entry.getValue().observedAt().isAfter(latest) ? entry.getValue().observedAt() : latest;
        }
        slot.seen = seen;
        slot.observedAt = latest;
    }

    private void notifyFailure(TargetKind kind, TetherException failure, Duration interval, Duration retryAfter) {
        int failures;
        synchronized (this) {
            failures = slots.get(kind).failures + 1;
        }
        LOG.info("Refresh of {} failed: {}", kind.id(), failure.getMessage());
        try {
            if (!closed) {
                listener.failed(kind, failure, nextDelay(interval, visible, failures, retryAfter));
            }
        } catch (RuntimeException e) {
            LOG.warn("Refresh listener failed for {}", kind.id(), e);
        }
    }

    private synchronized void finished(TargetKind kind, boolean ok, Duration interval, Duration retryAfter) {
        Slot slot = slots.get(kind);
        slot.busy = false;
        slot.failures = ok ? 0 : slot.failures + 1;
        slot.notBefore = retryAfter == null ? Instant.MIN : Instant.now().plus(retryAfter);
        if (slot.again) {
            slot.again = false;
            slot.due = slot.notBefore;
        } else {
            slot.due = Instant.now().plus(nextDelay(interval, visible, slot.failures, retryAfter));
        }
    }
}
