package app.tether.watch;

import java.time.Instant;
import java.util.Locale;

/**
 * A cloud workspace ends soon, or ended, by the provider's own rule (CNB recycles GPU workspaces after 4 h and in
 * its overnight window): for the tray to notify and {@code tether cnb watch} to print. {@code deadline} is when
 * it ends (null when unknown), {@code message} the localized text.
 */
public record WorkspaceEndNotice(Instant at, String target, Type type, Instant deadline, String message) {
    /** The kinds of notice. */
    public enum Type {
        /** The workspace will be recycled within a warning threshold (30 and 10 minutes). */
        ENDING_SOON,
        /** The workspace closed although nobody here stopped it. */
        RECYCLED;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
