package app.tether.watch;

import app.tether.inventory.TargetState;
import java.time.Instant;

/**
 * Something that happened to a watched target, for whoever shows it: the tray as a notification, {@code tether
 * watch} as one line (or one JSON object). {@code state} is the target's state after it (null when unchanged),
 * {@code message} the localized text.
 */
public record WatchEvent(Instant at, String target, Type type, TargetState state, String message) {

    /** The kinds of event. */
    public enum Type {
        /** The target's state changed (first observation included). */
        STATE_CHANGED,
        /** Google (or another cloud) took the VM away; the user did not stop it. */
        PREEMPTED,
        /** Restart after preemption is set to "ask": the user decides. */
        RESTART_ASKED,
        /** An automatic restart was sent. */
        RESTARTING,
        /** The zone has no capacity now; the next try is in {@code message}. */
        WAITING_FOR_CAPACITY,
        /** Running again and reached; open tunnels serve on their old local ports. */
        RESTARTED,
        /** The automatic restart gave up (a failure other than capacity). */
        RESTART_FAILED,
        /** The automatic restart was not sent: an action the user began on the target was under way. */
        RESTART_LEFT,
        /** The provider could not be asked this round. */
        OBSERVE_FAILED,
        /** A workspace ends within a warning threshold by the provider's own rule (CNB: 4 h limit, overnight). */
        ENDING_SOON,
        /** A running workspace was found closed without a stop from here (CNB recycled it). */
        RECYCLED,
        /** A paid target has been idle long enough: Tether pauses it when the countdown ends unless told to keep it. */
        IDLE_PAUSE_PENDING,
        /** The pending idle pause was called off (busy again, or the user said "Keep running"). */
        IDLE_PAUSE_CANCELLED,
        /** Tether paused or stopped the target itself (idle rule or spend limit). */
        PAUSED_BY_TETHER,
        /** A tunnel lost its SSH link and is reconnecting. */
        TUNNEL_LOST,
        /** A lost tunnel serves again (same local port). */
        TUNNEL_BACK,
        /** A Space build finished and the app runs. */
        BUILD_FINISHED,
        /** A Space build (or start) failed. */
        BUILD_FAILED,
        /** Spend reached the warning share (80 %) of a monthly limit. */
        SPEND_LIMIT_WARNING,
        /** Spend reached a monthly limit. */
        SPEND_LIMIT_REACHED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
