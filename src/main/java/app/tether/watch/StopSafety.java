package app.tether.watch;

import app.tether.inventory.Target;
import java.util.Optional;

/**
 * Asked before Tether stops a target on its own (idle rule, spend limit): what stopping would put at risk, if
 * anything. A CNB workspace loses everything but CNB's backup when it is closed, so uncommitted or unpushed work —
 * or work Tether cannot check — keeps it running; pausing (which keeps the disk) is never asked about.
 */
public interface StopSafety {
    /** Nothing is ever at risk. */
    StopSafety NONE = target -> Optional.empty();

    /** Why stopping {@code target} now could lose work; empty when it is safe. */
    Optional<String> risk(Target target) throws InterruptedException;
}
