package app.tether.watch;

import java.util.List;

/**
 * One notification, made from a {@link WatchEvent} by {@link Notices}: localized title and body, urgency, buttons,
 * and a {@code key} shared by the notices that update one another in place (the idle countdown, a tunnel lost and
 * back). A {@code withdraw} notice shows nothing: it closes what is shown under its key (a cancelled countdown).
 */
public record Notice(String key, String target, WatchEvent.Type type, String title, String body, Urgency urgency,
        List<NoticeAction> actions, boolean withdraw) {

    /** How urgent it is; the values are the freedesktop {@code urgency} hint's bytes. */
    public enum Urgency {
        LOW(0), NORMAL(1), CRITICAL(2);

        private final byte level;

        Urgency(int level) {
            this.level = (byte) level;
        }

        public byte level() {
            return level;
        }
    }

    public Notice {
        actions = List.copyOf(actions);
    }
}
