package app.tether.workflow;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which targets have an action in flight in this process, shared by the CLI and the window, so a second
 * click (or a second command in the same process) while a target starts does nothing.
 */
public final class ActionGuard {
    /** The one guard of this process. */
    public static final ActionGuard PROCESS = new ActionGuard();

    private final Map<String, String> inFlight = new ConcurrentHashMap<>();
    /** The last action begun on each target and when, kept after it ended. */
    private final Map<String, Begun> lastBegun = new ConcurrentHashMap<>();

    private record Begun(String action, Instant at) {
    }

    /** Marks {@code target} busy with {@code action}; false (and nothing changed) when it already is. */
    public boolean tryBegin(String target, String action) {
        if (inFlight.putIfAbsent(target, action) != null) {
            return false;
        }
        lastBegun.put(target, new Begun(action, Instant.now()));
        return true;
    }

    /**
     * Whether one of {@code actions} was begun on {@code target} in this process at or after {@code since} (a
     * watcher that saw a workspace running at {@code since} and closed now tells a stop from here from CNB's).
     */
    public boolean begunSince(String target, Set<String> actions, Instant since) {
        Begun begun = lastBegun.get(target);
        return begun != null && actions.contains(begun.action()) && !begun.at().isBefore(since);
    }

    public void end(String target) {
        inFlight.remove(target);
    }

    /** The action in flight for {@code target}, if any (the window greys its buttons out). */
    public Optional<String> inFlight(String target) {
        return Optional.ofNullable(inFlight.get(target));
    }
}
