package app.tether.providers.cnb;

import app.tether.core.Messages;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.watch.WatchEvent;
import app.tether.watch.WorkspaceEndWatch;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The end-of-workspace events of CNB workspaces, from the states the process's polls observed (no request of its
 * own): the deadline from the running workspace's creation time that {@link CnbProvider} saw in that round, what the
 * backup kept from the closed workspace's state. Callable from any thread, one observation at a time.
 */
public final class CnbEndWatch {
    /** Whether a stop (or restart) of a target was begun in this process at or after an instant. */
    @FunctionalInterface
    public interface StopsFromHere {
        /** None known: every closing of a running workspace is reported as CNB's. */
        StopsFromHere NONE = (target, since) -> false;

        boolean since(String target, Instant since);
    }

    private final CnbProvider provider;
    private final Clock clock;
    private final StopsFromHere stops;
    private final WorkspaceEndWatch watch = new WorkspaceEndWatch();
    /** When each workspace was first seen running in its current run. */
    private final Map<String, Instant> runningSince = new HashMap<>();

    /**
     * {@code provider}: the one whose rounds are observed (it remembers each running workspace's creation);
     * {@code stops}: the stops begun here, whose closing is no recycling.
     */
    public CnbEndWatch(CnbProvider provider, Clock clock, StopsFromHere stops) {
        this.provider = provider;
        this.clock = clock;
        this.stops = stops;
    }

    /** The event now due for {@code state}, one round's observation of {@code target}; empty when none is. */
    public synchronized Optional<WatchEvent> observed(CnbWorkspace target, LiveState state) {
        if (state.state() == TargetState.RUNNING) {
            runningSince.putIfAbsent(target.name(), clock.instant());
        } else {
            Instant since = runningSince.remove(target.name());
            if (state.state() == TargetState.STOPPED && since != null && stops.since(target.name(), since)) {
                watch.stoppedByUser(target.name()); // closed by a stop begun here during this run: not recycled
            }
        }
        Optional<CnbTimeLeft> left = state.state() == TargetState.RUNNING ? provider.timeLeft(target)
                : Optional.empty();
        // A closed workspace's state carries CNB's status word and, as its message, what the backup kept; with no
        // workspace in the list at all (no status word) there is nothing to say about a backup.
        String backup = state.stage() == null || state.message() == null ? "" : state.message();
        return watch.observe(target.name(), state.state(), left.map(CnbTimeLeft::deadline).orElse(null),
                clock.instant(), minutes -> Messages.get("cnb.watch.ending", target.name(), minutes,
                        left.map(CnbTimeLeft::deadlineText).orElse("-")),
                () -> Messages.get("cnb.watch.recycled", target.name(), backup));
    }
}
