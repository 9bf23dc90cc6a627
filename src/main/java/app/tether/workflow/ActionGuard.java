package app.tether.workflow;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which targets have an action in flight in this process, shared by the CLI and the window, so a second
 * click (or a second command in the same process) while a target starts does nothing.
 */
public final class ActionGuard {
    /** The one guard of this process. */
    public static final ActionGuard PROCESS = new ActionGuard();

    private final Map<String, String> inFlight = new ConcurrentHashMap<>();

    /** Marks {@code target} busy with {@code action}; false (and nothing changed) when it already is. */
    public boolean tryBegin(String target, String action) {
        return inFlight.putIfAbsent(target, action) == null;
    }

    public void end(String target) {
        inFlight.remove(target);
    }

    /** The action in flight for {@code target}, if any (the window greys its buttons out). */
    public Optional<String> inFlight(String target) {
        return Optional.ofNullable(inFlight.get(target));
    }
}
