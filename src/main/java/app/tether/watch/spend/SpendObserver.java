package app.tether.watch.spend;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.TargetAction;
import app.tether.watch.StateObserver;
import app.tether.watch.WatchEvent;
import app.tether.workflow.Lifecycle;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spend meter's observer: every observed state of a paid target goes into the {@link SpendLedger} (through the
 * {@link SpendTracker}), and after running time was written the month's spend is checked against the
 * {@link SpendLimits} ({@link SpendLimitCheck}), which may pause targets through the {@link Lifecycle}. SSH servers
 * are left out: what they cost is not started or stopped by Tether. Call {@link #close()} on shutdown so the last
 * observed minute is written too.
 */
public final class SpendObserver implements StateObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpendObserver.class);
    /** The window polls six times slower while hidden (a minute for Spaces → six): that is still observed time. */
    public static final Duration MIN_GAP_BOUND = Duration.ofMinutes(10);
    /** Stages of a starting target that are not billed yet (HF builds; GCE before RUNNING). */
    private static final Set<String> UNBILLED_STAGES = Set.of("BUILDING", "PROVISIONING", "STAGING");

    private final SpendLedger ledger;
    private final Clock clock;
    private final Lifecycle lifecycle;
    private final SpendTracker tracker = new SpendTracker(Duration.ofMinutes(1), Duration.ofMinutes(15));
    private final SpendLimitCheck limits;
    private final ExecutorService checks;
    private final Duration minGapBound;
    /** The targets last seen billing, with that state: what an overall limit pauses. */
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private record Running(Target target, LiveState state) {
    }

    /** The app's observer: the ledger in {@code environment}'s home, checks and pauses on a background thread. */
    public SpendObserver(Environment environment, Clock clock, Consumer<WatchEvent> events, Lifecycle lifecycle) {
        this(SpendLedger.in(environment), SpendLimits.in(environment), clock, events, lifecycle,
                BackgroundExecutors.pool("spend"), MIN_GAP_BOUND);
    }

    /** With everything chosen (tests: a direct executor so checks and pauses happen before {@code observed} returns). */
    public SpendObserver(SpendLedger ledger, SpendLimits limits, Clock clock, Consumer<WatchEvent> events,
            Lifecycle lifecycle, ExecutorService checks, Duration minGapBound) {
        this.ledger = ledger;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.checks = checks;
        this.minGapBound = minGapBound;
        this.limits = new SpendLimitCheck(ledger, limits, clock, events, this::pause);
    }

    @Override
    public void observed(Target target, LiveState state) {
        if (target instanceof SshServer) {
            return;
        }
        SpendTracker.Seen seen = seen(target, state);
        if (seen == SpendTracker.Seen.RUN) {
            running.put(target.name(), new Running(target, state));
        } else if (seen == SpendTracker.Seen.OFF) {
            running.remove(target.name());
        }
        List<LedgerRecord> records;
        synchronized (tracker) {
            records = tracker.observe(target.name(), seen, state.pricePerHour(), state.observedAt(),
                    seen == SpendTracker.Seen.RUN ? startedAt(target) : null, gapBound(target),
                    () -> last(target.name()));
            write(records);
        }
        if (records.stream().anyMatch(r -> r.kind() == LedgerRecord.Kind.RUN)) {
            checks.execute(limits::check);
        }
    }

    /** Billed: running (or starting past the build) and paid by the provider's rule; unknown: not an observation. */
    SpendTracker.Seen seen(Target target, LiveState state) {
        TargetState now = state.state();
        if (now == TargetState.UNKNOWN) {
            return SpendTracker.Seen.NONE;
        }
        boolean billing = now == TargetState.RUNNING || now == TargetState.ONLINE
                || now == TargetState.STARTING && (state.stage() == null
                        || !UNBILLED_STAGES.contains(state.stage().toUpperCase(Locale.ROOT)));
        return billing && lifecycle.paid(target, state) ? SpendTracker.Seen.RUN : SpendTracker.Seen.OFF;
    }

    private java.time.Instant startedAt(Target target) {
        return lifecycle.providers().forTarget(target).startedAt(target).orElse(null);
    }

    private Duration gapBound(Target target) {
        Duration three = lifecycle.providers().forTarget(target).pollInterval().multipliedBy(3);
        return three.compareTo(minGapBound) > 0 ? three : minGapBound;
    }

    private Optional<LedgerRecord> last(String target) {
        try {
            return ledger.last(target, clock.instant());
        } catch (IOException e) {
            LOG.warn("Cannot read the spend ledger for {}: {}", target, e.toString());
            return Optional.empty();
        }
    }

    private void write(List<LedgerRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            ledger.append(records);
        } catch (IOException e) {
            // Not written: that time shows as unknown later, which is the truth about it.
            LOG.warn("Cannot write the spend ledger in {}: {}", ledger.dir(), e.toString());
        }
    }

    /**
     * Pauses {@code name} (every target seen billing when null) for a reached limit: PAUSE where the state allows
     * it, else STOP. Returns the names paused, and for each one that failed, why.
     */
    private Map<String, Optional<String>> pause(String name) {
        Map<String, Optional<String>> results = new java.util.LinkedHashMap<>();
        for (Running entry : List.copyOf(running.values())) {
            if (name != null && !name.equals(entry.target().name())) {
                continue;
            }
            Target target = entry.target();
            TargetAction action = lifecycle.allowed(target, entry.state()).contains(TargetAction.PAUSE)
                    ? TargetAction.PAUSE : TargetAction.STOP;
            try {
                lifecycle.perform(target, action, false, Progress.NONE);
                results.put(target.name(), Optional.empty());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.put(target.name(), Optional.of(Messages.get("spend.error.interrupted")));
            } catch (RuntimeException e) {
                LOG.warn("Pausing {} at its spend limit failed", target.name(), e);
                results.put(target.name(), Optional.of(e.getLocalizedMessage()));
            }
        }
        return results;
    }

    /** Writes the growing intervals' ends (what was observed since their last line); no checks after it. */
    @Override
    public void close() {
        synchronized (tracker) {
            write(tracker.flush());
        }
        checks.shutdown();
    }
}
