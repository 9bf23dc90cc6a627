package app.tether.tray;

import app.tether.core.Messages;
import app.tether.inventory.Inventory;
import app.tether.inventory.TargetState;
import app.tether.watch.WatchEvent;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which targets the watchers flagged (preempted, idle pause pending, restart failed…), from the app's
 * {@link app.tether.watch.WatchEvents}; the tray shows them in the menu and turns its icon to "needs attention".
 * Events arrive on the watchers' threads; {@code onChange} is called there too.
 */
public final class TrayAttention implements Consumer<WatchEvent> {
    private static final Set<WatchEvent.Type> RAISE = EnumSet.of(WatchEvent.Type.PREEMPTED,
            WatchEvent.Type.RESTART_ASKED, WatchEvent.Type.RESTART_FAILED, WatchEvent.Type.IDLE_PAUSE_PENDING,
            WatchEvent.Type.BUILD_FAILED, WatchEvent.Type.SPEND_LIMIT_REACHED, WatchEvent.Type.TUNNEL_LOST,
            WatchEvent.Type.ENDING_SOON);
    private static final Set<WatchEvent.Type> CLEAR = EnumSet.of(WatchEvent.Type.IDLE_PAUSE_CANCELLED,
            WatchEvent.Type.PAUSED_BY_TETHER, WatchEvent.Type.RESTARTING, WatchEvent.Type.RESTARTED,
            WatchEvent.Type.TUNNEL_BACK, WatchEvent.Type.BUILD_FINISHED);

    private final Map<String, WatchEvent.Type> flagged = new ConcurrentHashMap<>();
    private final Runnable onChange;

    public TrayAttention(Runnable onChange) {
        this.onChange = onChange;
    }

    @Override
    public void accept(WatchEvent event) {
        String name = Inventory.normalizeName(event.target());
        WatchEvent.Type before = flagged.get(name);
        if (RAISE.contains(event.type())) {
            flagged.put(name, event.type());
        } else if (CLEAR.contains(event.type()) || (event.type() == WatchEvent.Type.STATE_CHANGED
                && !(before == WatchEvent.Type.IDLE_PAUSE_PENDING && stillRunning(event.state())))) {
            // A new state settles what a warning was about, except that an idle target keeps counting down.
            flagged.remove(name);
        }
        if (before != flagged.get(name)) {
            onChange.run();
        }
    }

    /** Why {@code target} needs the user, in the current language; null when nothing is flagged. */
    public String note(String target) {
        WatchEvent.Type type = flagged.get(Inventory.normalizeName(target));
        return type == null ? null : Messages.get("tray.note." + type.id());
    }

    private static boolean stillRunning(TargetState state) {
        return state == null || state == TargetState.RUNNING || state == TargetState.STARTING
                || state == TargetState.ONLINE;
    }
}
