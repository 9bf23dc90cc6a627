package app.tether.watch;

import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idle auto-pause: a running target whose signals ({@link IdleSignals}) say idle — no GPU at or above the threshold,
 * no kernel busy, no connection through Tether's tunnels; a signal the target cannot report does not hold it back,
 * but at least one must be reported — at every reading for its settings' minutes gets a countdown
 * ({@link WatchEvent.Type#IDLE_PAUSE_PENDING}, updated each minute); activity or {@link #keepRunning} calls it off
 * ({@link WatchEvent.Type#IDLE_PAUSE_CANCELLED}) and the idle window starts again; when it ends, the target is
 * paused (or stopped) through {@link Pauser} ({@link WatchEvent.Type#PAUSED_BY_TETHER}). Decisions and their
 * reasons are logged. Time comes from the clock; {@link #tick} advances the countdown (the guard calls it often).
 */
public final class IdleRule implements StateObserver {
    private static final Logger LOG = LoggerFactory.getLogger(IdleRule.class);
    /** How long the countdown runs before Tether pauses. */
    public static final Duration COUNTDOWN = Duration.ofMinutes(5);
    /** Signals are read at most this often per target (SSH servers are observed every 5 s). */
    public static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    /** Readings further apart than this do not make a continuous idle stretch (Tether was not looking). */
    static final Duration MAX_GAP = Duration.ofMinutes(5);

    /** Pauses (or stops, where the kind cannot pause) a target; returns the state the provider reported after. */
    @FunctionalInterface
    public interface Pauser {
        LiveState pause(Target target) throws InterruptedException;
    }

    /** Per target; guarded by the rule's lock. */
    private static final class Track {
        Target target;
        IdleSettings settings;
        List<IdleSignal> signals = List.of();
        Instant lastReading;
        Instant lastReadingTaken;
        Instant idleSince;
        Instant pauseAt;
        long announcedMinutes;
        boolean pausing;
    }

    private final IdleSettingsStore store;
    private final IdleSignals signals;
    private final Pauser pauser;
    private final Consumer<WatchEvent> events;
    private final Clock clock;
    private final Executor actions;
    private final Map<String, Track> tracks = new HashMap<>();

    /**
     * @param actions runs the pause (a network call); tests pass a direct executor
     */
    public IdleRule(IdleSettingsStore store, IdleSignals signals, Pauser pauser, Consumer<WatchEvent> events,
            Clock clock, Executor actions) {
        this.store = store;
        this.signals = signals;
        this.pauser = pauser;
        this.events = events;
        this.clock = clock;
        this.actions = actions;
    }

    @Override
    public void observed(Target target, LiveState state) {
        IdleSettings settings = store.effective(target, state);
        boolean up = state.state() == TargetState.RUNNING || state.state() == TargetState.ONLINE;
        Instant now = clock.instant();
        synchronized (this) {
            Track track = tracks.computeIfAbsent(target.name(), n -> new Track());
            track.target = target;
            track.settings = settings;
            if (!up || !settings.enabled()) {
                if (track.pauseAt != null && !track.pausing) {
                    cancel(track, Messages.get(up ? "idle.event.cancelledOff" : "idle.event.cancelledNotRunning",
                            target.name(), Messages.get(state.state().messageKey()).toLowerCase(Messages.locale())));
                }
                track.signals = List.of();
                track.idleSince = null;
                track.lastReading = null;
                return;
            }
            if (track.lastReading != null && Duration.between(track.lastReading, now).compareTo(SAMPLE_EVERY) < 0) {
                return;
            }
            track.lastReading = now; // claimed: a concurrent observation of the same target does not read again
        }
        List<IdleSignal> read;
        try {
            read = signals.read(target, state, settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.warn("Reading the idle signals of {} failed", target.name(), e);
            return;
        }
        reading(target.name(), read, now);
        tick();
    }

    /** One reading of the signals taken at {@code at}: starts, continues or calls off the idle stretch. */
    private synchronized void reading(String name, List<IdleSignal> read, Instant at) {
        Track track = tracks.get(name);
        if (track == null || !track.settings.enabled()) {
            return;
        }
        Instant previous = track.signals.isEmpty() ? null : track.lastReadingTaken;
        track.signals = List.copyOf(read);
        track.lastReadingTaken = at;
        if (!IdleStatus.idle(read)) {
            if (track.idleSince != null) {
                LOG.info("Idle rule: {} is not idle ({})", name, reasons(read));
            }
            track.idleSince = null;
            if (track.pauseAt != null && !track.pausing) {
                cancel(track, Messages.get("idle.event.cancelledBusy", name, busy(read)));
            }
            return;
        }
        if (track.idleSince == null || previous == null || Duration.between(previous, at).compareTo(MAX_GAP) > 0) {
            track.idleSince = at;
            LOG.info("Idle rule: {} looks idle from {} ({})", name, at, reasons(read));
        }
        Duration idleFor = Duration.between(track.idleSince, at);
        if (track.pauseAt == null && idleFor.compareTo(Duration.ofMinutes(track.settings.minutes())) >= 0) {
            track.pauseAt = at.plus(COUNTDOWN);
            track.announcedMinutes = COUNTDOWN.toMinutes();
            LOG.info("Idle rule: {} has been idle for {} min ({}); pausing at {} unless kept running", name,
                    idleFor.toMinutes(), reasons(read), track.pauseAt);
            publish(name, WatchEvent.Type.IDLE_PAUSE_PENDING, null, Messages.get("idle.event.pending", name,
                    track.settings.minutes(), COUNTDOWN.toMinutes()));
        }
    }

    /** Advances every countdown: a new minute left is announced, an ended one pauses its target. */
    public void tick() {
        Instant now = clock.instant();
        List<Track> due = new ArrayList<>();
        synchronized (this) {
            for (Track track : tracks.values()) {
                if (track.pauseAt == null || track.pausing) {
                    continue;
                }
                if (!now.isBefore(track.pauseAt)) {
                    track.pausing = true;
                    due.add(track);
                    continue;
                }
                long left = (Duration.between(now, track.pauseAt).toSeconds() + 59) / 60;
                if (left < track.announcedMinutes) {
                    track.announcedMinutes = left;
                    publish(track.target.name(), WatchEvent.Type.IDLE_PAUSE_PENDING, null,
                            Messages.get("idle.event.countdown", track.target.name(), left));
                }
            }
        }
        for (Track track : due) {
            actions.execute(() -> pause(track, false));
        }
    }

    /** "Pause now": pauses (or stops) {@code target} at once, countdown or not. */
    public void pauseNow(Target target) {
        Track track;
        synchronized (this) {
            track = tracks.computeIfAbsent(target.name(), n -> new Track());
            if (track.pausing) {
                return;
            }
            track.target = target;
            if (track.settings == null) {
                track.settings = store.effective(target, null);
            }
            track.pausing = true;
        }
        actions.execute(() -> pause(track, true));
    }

    private void pause(Track track, boolean asked) {
        String name = track.target.name();
        LOG.info(asked ? "Idle rule: pausing {} at the user's request" : "Idle rule: pausing {} after the countdown ({})",
                name, reasons(track.signals));
        try {
            LiveState after = pauser.pause(track.target);
            synchronized (this) {
                reset(track);
            }
            publish(name, WatchEvent.Type.PAUSED_BY_TETHER, after.state(), asked
                    ? Messages.get("idle.event.pausedNow", name)
                    : Messages.get("idle.event.paused", name, track.settings.minutes()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                reset(track);
            }
        } catch (RuntimeException e) {
            String why = e instanceof TetherException t ? t.getLocalizedMessage() : String.valueOf(e);
            LOG.warn("Idle rule: pausing {} failed: {}", name, why);
            synchronized (this) {
                reset(track);
            }
            publish(name, WatchEvent.Type.IDLE_PAUSE_CANCELLED, null, Messages.get("idle.event.pauseFailed", name, why));
        }
    }

    /** "Keep running": calls off a pending pause; the idle window starts again from the next reading. */
    public void keepRunning(String name) {
        synchronized (this) {
            Track track = tracks.get(name);
            if (track == null) {
                return;
            }
            track.idleSince = null;
            if (track.pauseAt != null && !track.pausing) {
                LOG.info("Idle rule: {} kept running at the user's request", name);
                cancel(track, Messages.get("idle.event.cancelledKept", name, track.settings.minutes()));
            }
        }
    }

    /** The rule's view of {@code name}; empty when it was never observed. */
    public synchronized Optional<IdleStatus> status(String name) {
        Track track = tracks.get(name);
        if (track == null) {
            return Optional.empty();
        }
        return Optional.of(new IdleStatus(track.settings, track.signals, track.idleSince, track.pauseAt));
    }

    private void cancel(Track track, String message) {
        track.pauseAt = null;
        track.idleSince = null;
        publish(track.target.name(), WatchEvent.Type.IDLE_PAUSE_CANCELLED, null, message);
    }

    private static void reset(Track track) {
        track.pauseAt = null;
        track.pausing = false;
        track.idleSince = null;
    }

    private void publish(String target, WatchEvent.Type type, TargetState state, String message) {
        LOG.info("{} {}: {}", type, target, message);
        try {
            events.accept(new WatchEvent(clock.instant(), target, type, state, message));
        } catch (RuntimeException e) {
            LOG.warn("Watch event listener failed", e);
        }
    }

    /** The signals for the log: "gpu=idle (GPU 0: 1 %), kernels=cannot-report (…)"; never a secret. */
    private static String reasons(List<IdleSignal> read) {
        return read.stream().map(s -> s.source().name().toLowerCase(java.util.Locale.ROOT) + "="
                + s.reading().name().toLowerCase(java.util.Locale.ROOT) + " (" + s.detail() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String busy(List<IdleSignal> read) {
        return read.stream().filter(s -> s.reading() == IdleSignal.Reading.BUSY).map(IdleSignal::detail)
                .collect(Collectors.joining("; "));
    }
}
