package app.tether.providers;

import app.tether.inventory.TargetState;
import java.util.EnumSet;
import java.util.Set;

/** What a user can ask of a target; each kind supports some of them (see {@link Provider#supported}). */
public enum TargetAction {
    /** Start or resume (HF: restart a paused or sleeping Space; GCE: start or resume). */
    START("start"),
    /** Whatever stops the billing for that kind (HF: pause; GCE: stop; CNB: stop the workspace). */
    STOP("stop"),
    /** A pause distinct from stop, where the kind has one (GCE: suspend). */
    PAUSE("pause"),
    RESTART("restart"),
    /** Restart from a clean build (HF factory reboot). */
    FACTORY_RESTART("factory-restart");

    private final String id;

    TargetAction(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public String messageKey() {
        return "action." + id;
    }

    /** Whether {@code state} permits this action at all (a second start while starting does not). */
    public boolean permittedIn(TargetState state) {
        return switch (this) {
            case START -> switch (state) {
                case STOPPED, PAUSED, PREEMPTED, ERROR, UNKNOWN -> true;
                default -> false;
            };
            case STOP -> switch (state) {
                case RUNNING, STARTING, PAUSED, ERROR, ONLINE, UNKNOWN -> true;
                default -> false;
            };
            case PAUSE -> switch (state) {
                case RUNNING, STARTING, ONLINE, UNKNOWN -> true;
                default -> false;
            };
            case RESTART, FACTORY_RESTART -> switch (state) {
                case RUNNING, STARTING, ERROR, ONLINE, STOPPED, PAUSED, UNKNOWN -> true;
                default -> false;
            };
        };
    }

    /** The actions of {@code supported} that {@code state} permits. */
    public static Set<TargetAction> permittedIn(TargetState state, Set<TargetAction> supported) {
        Set<TargetAction> result = EnumSet.noneOf(TargetAction.class);
        for (TargetAction action : supported) {
            if (action.permittedIn(state)) {
                result.add(action);
            }
        }
        return result;
    }
}
