package app.tether.probe;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Messages;
import app.tether.inventory.SshServer;
import app.tether.ssh.SshSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic refresh of many targets off the UI thread, with backoff for unreachable ones. At most
 * {@link #DEFAULT_CONCURRENCY} probes run at once and never two of the same target, so 50 servers (some of
 * them timing out) refresh without piling up. The listener is called on a background thread.
 *
 * <p>A background refresh must never pop up a question: the {@link SshSessions} given should have prompts
 * that refuse (an unknown host key then shows as {@link Reachability#HOST_KEY_UNKNOWN} until the user
 * connects on purpose).
 */
public final class StatusRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusRefresher.class);

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** How much slower refreshes are while the window is hidden (tray only). */
    static final int HIDDEN_FACTOR = 6;
    /** The longest wait between attempts at an unreachable target (unless the interval itself is longer). */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final int DEFAULT_CONCURRENCY = 8;
    /** How often due targets are looked for; refreshNow does not wait for it. */
    private static final long TICK_MILLIS = 250;

    /** Per-target bookkeeping; guarded by the refresher's lock. */
    private static final class Slot {
        SshServer target;
        Instant due = Instant.MIN;
        int failures;
        boolean busy; // queued or running
        boolean again; // refreshNow while busy: probe once more right after
    }

    private final Function<SshServer, ServerStatus> probe;
    private final Supplier<List<SshServer>> targets;
    private final Consumer<ServerStatus> listener;
    private final int maxConcurrent;
    private final StatusHistory history = new StatusHistory();
    private final ScheduledExecutorService scheduler = BackgroundExecutors.scheduler("status-tick", 1);
    private final ExecutorService pool = BackgroundExecutors.pool("status-probe");
    private final Map<String, Slot> slots = new HashMap<>();
    private final Deque<String> queue = new ArrayDeque<>();
    private int running;
    private boolean started;
    private volatile boolean closed;
    private volatile Duration interval = DEFAULT_INTERVAL;
    private volatile boolean visible = true;

    /**
     * Refreshes {@code targets} through {@code sessions}. The supplier is asked on every tick (4 times a second)
     * so inventory edits are picked up: keep it cheap (a snapshot list, not a file read). Probes must not
     * prompt (see the class notes).
     */
    public StatusRefresher(SshSessions sessions, Supplier<List<SshServer>> targets, Consumer<ServerStatus> listener) {
        this(new StatusProbe(sessions)::probe, targets, listener, DEFAULT_CONCURRENCY);
    }

    /** With any probe function: how tests drive the scheduling without servers. */
    StatusRefresher(Function<SshServer, ServerStatus> probe, Supplier<List<SshServer>> targets,
            Consumer<ServerStatus> listener, int maxConcurrent) {
        this.probe = Objects.requireNonNull(probe);
        this.targets = Objects.requireNonNull(targets);
        this.listener = Objects.requireNonNull(listener);
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
    }

    /** The interval while the window is visible (default 5 s); hidden, it is {@value #HIDDEN_FACTOR} times longer. */
    public void setInterval(Duration visibleInterval) {
        if (visibleInterval.isNegative() || visibleInterval.isZero()) {
            throw new IllegalArgumentException("interval " + visibleInterval);
        }
        interval = visibleInterval;
    }

    public Duration interval() {
        return interval;
    }

    /** Window shown or hidden; showing it refreshes every reachable target at once. */
    public void setWindowVisible(boolean nowVisible) {
        boolean wasVisible = visible;
        visible = nowVisible;
        if (nowVisible && !wasVisible) {
            synchronized (this) {
                slots.values().stream().filter(s -> s.failures == 0).forEach(s -> s.due = Instant.MIN);
            }
            tickSoon();
        }
    }

    /** Probes that target as soon as a probe slot is free (resetting its backoff), e.g. on a click. */
    public void refreshNow(String targetName) {
        synchronized (this) {
            Slot slot = slots.get(targetName);
            if (slot != null) {
                slot.failures = 0;
                if (slot.busy) {
                    slot.again = true;
                } else {
                    slot.due = Instant.MIN;
                }
            }
        }
        tickSoon();
    }

    public StatusHistory history() {
        return history;
    }

    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        scheduler.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops scheduling and interrupts running probes; the listener is not called afterwards. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        pool.shutdownNow();
    }

    /** Waits for the refresher's threads to end after {@link #close()}. */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        return scheduler.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)
                && pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * How long to wait before the next probe of a target: the interval (×{@value #HIDDEN_FACTOR} when hidden),
     * doubled for each failure in a row, at most {@link #MAX_BACKOFF} (or the interval, if that is longer).
     */
    static Duration nextDelay(Duration visibleInterval, boolean windowVisible, int failures) {
        Duration base = windowVisible ? visibleInterval : visibleInterval.multipliedBy(HIDDEN_FACTOR);
        if (failures <= 0) {
            return base;
        }
        Duration cap = base.compareTo(MAX_BACKOFF) > 0 ? base : MAX_BACKOFF;
        Duration delay = base;
        for (int i = 0; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    private void tickSoon() {
        if (!closed) {
            try {
                scheduler.execute(this::tick);
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    private void tick() {
        List<SshServer> current;
        try {
            current = List.copyOf(targets.get());
        } catch (RuntimeException e) {
            LOG.warn("Could not list the targets to refresh", e);
            return;
        }
        Instant now = Instant.now();
        Set<String> forgotten = new HashSet<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            Set<String> names = new HashSet<>();
            for (SshServer target : current) {
                names.add(target.name());
                Slot slot = slots.computeIfAbsent(target.name(), n -> new Slot());
                slot.target = target; // the latest definition (the user may have edited it)
                if (!slot.busy && !now.isBefore(slot.due)) {
                    slot.busy = true;
                    queue.addLast(target.name());
                }
            }
            slots.keySet().stream().filter(n -> !names.contains(n)).forEach(forgotten::add);
            slots.keySet().removeAll(forgotten);
            dispatch();
        }
        forgotten.forEach(history::forget);
    }

    /** Starts queued probes while there is room; called with the lock held. */
    private void dispatch() {
        while (running < maxConcurrent && !queue.isEmpty() && !closed) {
            Slot slot = slots.get(queue.pollFirst());
            if (slot == null) {
                continue; // removed from the inventory while queued
            }
            SshServer target = slot.target;
            running++;
            try {
                pool.execute(() -> probeOne(target));
            } catch (RejectedExecutionException e) {
                running--;
                return;
            }
        }
    }

    private void probeOne(SshServer target) {
        ServerStatus status;
        try {
            status = probe.apply(target);
        } catch (RuntimeException e) {
            LOG.warn("Status probe of {} failed", target.name(), e);
            status = ServerStatus.unreachable(target.name(), Instant.now(), Reachability.OFFLINE,
                    Messages.get("probe.error.failed", String.valueOf(e.getMessage())));
        }
        try {
            if (!closed) {
                history.record(status);
                listener.accept(status);
            }
        } catch (RuntimeException e) {
            LOG.warn("Status listener failed for {}", target.name(), e);
        } finally {
            finished(target.name(), status.online());
        }
    }

    private synchronized void finished(String name, boolean online) {
        running--;
        Slot slot = slots.get(name);
        if (slot != null) {
            slot.busy = false;
            slot.failures = online ? 0 : slot.failures + 1;
            if (slot.again) {
                slot.again = false;
                slot.due = Instant.MIN;
            } else {
                slot.due = Instant.now().plus(nextDelay(interval, visible, slot.failures));
            }
        }
        dispatch();
        if (slot != null && slot.due == Instant.MIN) {
            tickSoon();
        }
    }
}
