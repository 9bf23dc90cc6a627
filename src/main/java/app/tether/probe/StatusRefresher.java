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
import java.util.Iterator;
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
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic refresh of many targets off the UI thread, with backoff for unreachable ones. Never two probes of the
 * same target at once. A probe over a session that is already open costs this process almost nothing (one channel;
 * the work runs on the server), so up to {@link #DEFAULT_CONCURRENCY} of those run at once and a round of 50
 * servers takes about one probe's time; a slow or hung server then holds up only itself. A probe that must connect
 * first costs a key exchange here (and a new sshd on the server), so at most {@link #DEFAULT_CONNECTING} of those
 * run at once. The listener is called on a background thread.
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
    static final int DEFAULT_CONCURRENCY = 64;
    static final int DEFAULT_CONNECTING = 8;
    /** How often due targets are looked for; refreshNow does not wait for it. */
    private static final long TICK_MILLIS = 250;

    /** What the refresher probes with: a probe, and what it keeps per target and in all (standing shells). */
    interface Prober {
        ServerStatus probe(SshServer target);

        /** The target left the inventory. */
        default void forget(String targetName) {
        }

        /** The refresher closed. */
        default void close() {
        }
    }

    /** Per-target bookkeeping; guarded by the refresher's lock. */
    private static final class Slot {
        SshServer target;
        Instant due = Instant.MIN;
        int failures;
        boolean busy; // queued or running
        boolean again; // refreshNow while busy: probe once more right after
    }

    private final Prober probe;
    private final Predicate<SshServer> connected;
    private final Supplier<List<SshServer>> targets;
    private final Consumer<ServerStatus> listener;
    private final int maxConcurrent;
    private final int maxConnecting;
    private final StatusHistory history = new StatusHistory();
    private final ScheduledExecutorService scheduler = BackgroundExecutors.scheduler("status-tick", 1);
    private final ExecutorService pool = BackgroundExecutors.pool("status-probe");
    private final Map<String, Slot> slots = new HashMap<>();
    private final Deque<String> queue = new ArrayDeque<>();
    private int running;
    private int connecting;
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
        this(new ProbeShells(sessions, StatusProbe.TIMEOUT), sessions::hasOpenSession, targets, listener,
                DEFAULT_CONCURRENCY, DEFAULT_CONNECTING);
    }

    /** With any probe function, every target counted as connected: how tests drive the scheduling without servers. */
    StatusRefresher(Function<SshServer, ServerStatus> probe, Supplier<List<SshServer>> targets,
            Consumer<ServerStatus> listener, int maxConcurrent) {
        this(probe::apply, target -> true, targets, listener, maxConcurrent, maxConcurrent);
    }

    /**
     * @param connected     whether a target's session is open (its probe need not connect); asked with the lock held
     * @param maxConcurrent probes at once in all
     * @param maxConnecting of those, probes of targets that are not {@code connected}
     */
    StatusRefresher(Prober probe, Predicate<SshServer> connected,
            Supplier<List<SshServer>> targets, Consumer<ServerStatus> listener, int maxConcurrent, int maxConnecting) {
        this.probe = Objects.requireNonNull(probe);
        this.connected = Objects.requireNonNull(connected);
        this.targets = Objects.requireNonNull(targets);
        this.listener = Objects.requireNonNull(listener);
        if (maxConcurrent < 1 || maxConnecting < 1) {
            throw new IllegalArgumentException("maxConcurrent " + maxConcurrent + ", maxConnecting " + maxConnecting);
        }
        this.maxConcurrent = maxConcurrent;
        this.maxConnecting = maxConnecting;
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
        probe.close();
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
        forgotten.forEach(probe::forget);
    }

    /**
     * Starts queued probes while there is room, in queue order; a target that must connect waits while
     * {@link #maxConnecting} others connect, and connected ones behind it go first. Called with the lock held.
     */
    private void dispatch() {
        for (Iterator<String> queued = queue.iterator(); queued.hasNext() && running < maxConcurrent && !closed;) {
            Slot slot = slots.get(queued.next());
            if (slot == null) {
                queued.remove(); // removed from the inventory while queued
                continue;
            }
            boolean mustConnect = !connected.test(slot.target);
            if (mustConnect && connecting >= maxConnecting) {
                continue;
            }
            queued.remove();
            SshServer target = slot.target;
            running++;
            if (mustConnect) {
                connecting++;
            }
            try {
                pool.execute(() -> probeOne(target, mustConnect));
            } catch (RejectedExecutionException e) {
                running--;
                connecting -= mustConnect ? 1 : 0;
                return;
            }
        }
    }

    private void probeOne(SshServer target, boolean mustConnect) {
        ServerStatus status;
        try {
            status = probe.probe(target);
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
            finished(target.name(), status.online(), mustConnect);
        }
    }

    private synchronized void finished(String name, boolean online, boolean wasConnecting) {
        running--;
        if (wasConnecting) {
            connecting--;
        }
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
