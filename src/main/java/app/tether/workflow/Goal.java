package app.tether.workflow;

import app.tether.inventory.TargetState;
import app.tether.providers.TargetAction;
import java.util.Set;

/** Where {@code --wait} (and Connect) waits for a target to get: running, or stopped (paused counts). */
public enum Goal {
    RUNNING(Set.of(TargetState.RUNNING, TargetState.ONLINE)),
    STOPPED(Set.of(TargetState.STOPPED, TargetState.PAUSED, TargetState.PREEMPTED));

    private final Set<TargetState> reached;

    Goal(Set<TargetState> reached) {
        this.reached = reached;
    }

    public boolean reachedBy(TargetState state) {
        return reached.contains(state);
    }

    /** What an action aims at: start and restarts at running, stop and pause at stopped. */
    public static Goal of(TargetAction action) {
        return switch (action) {
            case START, RESTART, FACTORY_RESTART -> RUNNING;
            case STOP, PAUSE -> STOPPED;
        };
    }
}
