package app.tether.providers;

import app.tether.core.TetherException;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ProviderRefresher} for every part of a process that wants the cloud kinds' states (the window's list
 * and the guard of idle auto-pause, spend and end-of-workspace notices), so that each target's API is asked once
 * per interval however many parts listen. Each part subscribes with the kinds and targets it wants; a round asks
 * about the union and every subscriber of that kind hears it. The poll runs at the full rate while any subscriber
 * wants it (the guard always, the window while it is visible), {@value ProviderRefresher#HIDDEN_FACTOR} times
 * slower otherwise. It starts with the first subscription and stops when the last one closes.
 */
public final class ProviderPolls {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderPolls.class);

    private final Providers providers;
    private final StateCache cache;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** The states of each kind's last successful round, for subscribers that come later. */
    private final Map<TargetKind, Map<String, LiveState>> lastRounds = new java.util.concurrent.ConcurrentHashMap<>();
    private ProviderRefresher refresher; // guarded by this

    public ProviderPolls(Providers providers, StateCache cache) {
        this.providers = Objects.requireNonNull(providers);
        this.cache = Objects.requireNonNull(cache);
    }

    /**
     * Subscribes {@code listener} to the states of {@code kinds} among {@code targets} (asked at every tick, four
     * times a second: keep it cheap). {@code fullRate}: poll every interval even while no window is visible.
     */
    public Subscription subscribe(Set<TargetKind> kinds, Supplier<List<Target>> targets, boolean fullRate,
            ProviderRefresher.Listener listener) {
        Subscription subscription = new Subscription(kinds, targets, fullRate, listener);
        synchronized (this) {
            subscriptions.add(subscription);
            if (refresher == null) {
                lastRounds.clear();
                refresher = new ProviderRefresher(providers, EnumSet.allOf(TargetKind.class), this::targets, cache,
                        new FanOut());
                refresher.setWindowVisible(fullRate());
                refresher.start();
                return subscription;
            }
            refresher.setWindowVisible(fullRate());
        }
        // A later subscriber hears what the last round saw now rather than asking the API again before the interval.
        lastRounds.forEach((kind, states) -> {
            if (subscription.kinds.contains(kind)) {
                tell(subscription, kind, states);
            }
        });
        return subscription;
    }

    /** What one round asks about: every subscriber's targets of the kinds it wants, each name once. */
    private List<Target> targets() {
        Map<String, Target> all = new LinkedHashMap<>();
        for (Subscription subscription : subscriptions) {
            for (Target target : subscription.targets.get()) {
                if (subscription.kinds.contains(target.kind())) {
                    all.putIfAbsent(target.name(), target);
                }
            }
        }
        return new ArrayList<>(all.values());
    }

    private boolean fullRate() {
        return subscriptions.stream().anyMatch(s -> s.fullRate);
    }

    private synchronized void changed() {
        if (refresher == null) {
            return;
        }
        if (subscriptions.isEmpty()) {
            refresher.close();
            refresher = null;
        } else {
            refresher.setWindowVisible(fullRate());
        }
    }

    private synchronized void refreshNow(TargetKind kind) {
        if (refresher != null) {
            refresher.refreshNow(kind);
        }
    }

    private static void tell(Subscription subscription, TargetKind kind, Map<String, LiveState> states) {
        try {
            subscription.listener.observed(kind, states);
        } catch (RuntimeException e) {
            LOG.warn("A listener of {} states failed", kind.id(), e);
        }
    }

    /** Hands each round to the subscribers of its kind. */
    private final class FanOut implements ProviderRefresher.Listener {
        @Override
        public void observed(TargetKind kind, Map<String, LiveState> states) {
            lastRounds.put(kind, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(states)));
            for (Subscription subscription : subscriptions) {
                if (subscription.kinds.contains(kind)) {
                    tell(subscription, kind, states);
                }
            }
        }

        @Override
        public void failed(TargetKind kind, TetherException failure, Duration retryIn) {
            for (Subscription subscription : subscriptions) {
                if (subscription.kinds.contains(kind)) {
                    try {
                        subscription.listener.failed(kind, failure, retryIn);
                    } catch (RuntimeException e) {
                        LOG.warn("A listener of {} states failed", kind.id(), e);
                    }
                }
            }
        }
    }

    /** One part's interest in the polls; closing it stops its listener (and the polls, when it was the last). */
    public final class Subscription implements AutoCloseable {
        private final Set<TargetKind> kinds;
        private final Supplier<List<Target>> targets;
        private final ProviderRefresher.Listener listener;
        private volatile boolean fullRate;

        private Subscription(Set<TargetKind> kinds, Supplier<List<Target>> targets, boolean fullRate,
                ProviderRefresher.Listener listener) {
            this.kinds = Set.copyOf(kinds);
            this.targets = Objects.requireNonNull(targets);
            this.fullRate = fullRate;
            this.listener = Objects.requireNonNull(listener);
        }

        /** Asks about {@code kind} as soon as possible (after an action, or a click), resetting its backoff. */
        public void refreshNow(TargetKind kind) {
            ProviderPolls.this.refreshNow(kind);
        }

        /** The window shown (full rate) or hidden; showing it asks every healthy kind at once. */
        public void setFullRate(boolean full) {
            fullRate = full;
            changed();
        }

        @Override
        public void close() {
            if (subscriptions.remove(this)) {
                changed();
            }
        }
    }
}
