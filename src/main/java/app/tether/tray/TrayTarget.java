package app.tether.tray;

import app.tether.inventory.TargetState;
import app.tether.providers.TargetAction;
import java.math.BigDecimal;
import java.util.List;

/**
 * What the tray needs to know of one target: its state, price and whether it costs money, the stopping actions
 * its provider allows now (Pause and/or Stop), whether a notebook or VS Code can be opened, whether a tunnel is
 * open, and why it needs the user (a localized note; null when it does not).
 */
public record TrayTarget(String name, TargetState state, BigDecimal pricePerHour, boolean paid,
        List<TargetAction> stopActions, boolean canOpenNotebook, boolean canOpenVsCode, boolean connected,
        String attention) {

    public TrayTarget {
        stopActions = List.copyOf(stopActions);
    }

    /** Running, starting or (an SSH server) online: the tray lists it. */
    public boolean running() {
        return state == TargetState.RUNNING || state == TargetState.STARTING || state == TargetState.ONLINE;
    }

    /** Costing money right now: a paid target that is running or starting. */
    public boolean billing() {
        return paid && (state == TargetState.RUNNING || state == TargetState.STARTING);
    }

    /** Needs the user: an error, a preemption, a refused login, or a watcher's warning (idle pause pending…). */
    public boolean needsAttention() {
        return attention != null || switch (state) {
            case ERROR, PREEMPTED, AUTH_FAILED, HOST_KEY_CHANGED -> true;
            default -> false;
        };
    }
}
