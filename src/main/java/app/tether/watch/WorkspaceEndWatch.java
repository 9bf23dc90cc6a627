package app.tether.watch;

import app.tether.inventory.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which end-of-workspace events ({@link WatchEvent.Type#ENDING_SOON}, {@link WatchEvent.Type#RECYCLED})
 * are due, one observation at a time: one per threshold crossed before a workspace's deadline (only the nearest when several are crossed at once), and one when a running
 * workspace is found closed without a stop from here. Not thread-safe: one watcher thread feeds it.
 */
public final class WorkspaceEndWatch {
    /** Warn this long before the end. */
    public static final List<Duration> THRESHOLDS = List.of(Duration.ofMinutes(30), Duration.ofMinutes(10));

    private final Map<String, Instant> deadlines = new HashMap<>();
    private final Map<String, Integer> warned = new HashMap<>();
    private final Map<String, TargetState> last = new HashMap<>();

    /**
     * One observation of {@code target}: its state, its deadline when running (null when unknown), and the texts
     * to use. {@code endingText} gets the minutes left; {@code recycledText} is asked only when it ended.
     */
    public Optional<WatchEvent> observe(String target, TargetState state, Instant deadline, Instant now,
            Function<Long, String> endingText, java.util.function.Supplier<String> recycledText) {
        TargetState before = last.put(target, state);
        if (before == TargetState.RUNNING && state == TargetState.STOPPED) {
            deadlines.remove(target);
            warned.remove(target);
            return Optional.of(new WatchEvent(now, target, WatchEvent.Type.RECYCLED, TargetState.STOPPED,
                    recycledText.get()));
        }
        if (state != TargetState.RUNNING || deadline == null) {
            return Optional.empty();
        }
        if (!deadline.equals(deadlines.put(target, deadline))) {
            warned.put(target, -1); // a new workspace: its own warnings
        }
        Duration left = Duration.between(now, deadline);
        int crossed = -1;
        for (int i = 0; i < THRESHOLDS.size(); i++) {
            if (left.compareTo(THRESHOLDS.get(i)) <= 0) {
                crossed = i;
            }
        }
        if (crossed <= warned.get(target)) {
            return Optional.empty();
        }
        warned.put(target, crossed);
        long minutes = Math.max(0, left.toMinutes());
        return Optional.of(new WatchEvent(now, target, WatchEvent.Type.ENDING_SOON, TargetState.RUNNING,
                endingText.apply(minutes)));
    }

    /** Forget a target stopped from here, so its closing is not reported as recycling. */
    public void stoppedByUser(String target) {
        last.remove(target);
        deadlines.remove(target);
        warned.remove(target);
    }
}
