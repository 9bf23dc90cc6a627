package app.tether.providers.hf;

import app.tether.inventory.TargetState;
import java.util.Locale;

/** A Space's runtime stage (§2.2) in Tether's states; unknown stages stay unknown and are shown as they are. */
final class HfStages {
    private HfStages() {
    }

    static TargetState state(String stage) {
        if (stage == null) {
            return TargetState.UNKNOWN;
        }
        String s = stage.toUpperCase(Locale.ROOT);
        if (s.endsWith("_ERROR")) {
            return TargetState.ERROR;
        }
        return switch (s) {
            case "RUNNING" -> TargetState.RUNNING;
            case "BUILDING", "APP_STARTING", "RUNNING_BUILDING", "RUNNING_APP_STARTING" -> TargetState.STARTING;
            case "PAUSED" -> TargetState.PAUSED;
            case "SLEEPING", "STOPPED" -> TargetState.STOPPED;
            case "DELETING" -> TargetState.STOPPING;
            case "NO_APP_FILE" -> TargetState.ERROR;
            default -> TargetState.UNKNOWN;
        };
    }
}
