package app.tether.watch;

import app.tether.inventory.Target;
import app.tether.providers.LiveState;

/**
 * Told every observed state of every watched target (cloud rounds of the provider refresher and SSH probes), on a
 * background thread; the idle rule and the spend ledger are observers. Must not block for long.
 */
public interface StateObserver {
    void observed(Target target, LiveState state);
}
