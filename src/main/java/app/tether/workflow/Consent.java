package app.tether.workflow;

import app.tether.inventory.Target;
import app.tether.providers.LiveState;

/** Asks the user before Connect starts a target that costs money while it runs. */
@FunctionalInterface
public interface Consent {
    /** Agrees without asking ({@code --yes}). */
    Consent ALWAYS = (target, state) -> true;

    /** True to start {@code target} (its price per hour, when known, is in {@code state}). */
    boolean startPaid(Target target, LiveState state);
}
