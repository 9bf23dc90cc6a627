package app.tether.watch;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of notification a user can turn on or off in Settings, each covering the {@link WatchEvent.Type}s
 * that belong together (a preemption and the restart that follows it, a tunnel lost and back …).
 */
public enum NoticeKind {
    PREEMPTION(WatchEvent.Type.PREEMPTED, WatchEvent.Type.RESTART_ASKED, WatchEvent.Type.RESTARTING,
            WatchEvent.Type.WAITING_FOR_CAPACITY, WatchEvent.Type.RESTARTED, WatchEvent.Type.RESTART_FAILED,
            WatchEvent.Type.RESTART_LEFT),
    IDLE_PAUSE(WatchEvent.Type.IDLE_PAUSE_PENDING, WatchEvent.Type.IDLE_PAUSE_CANCELLED),
    PAUSED_BY_TETHER(WatchEvent.Type.PAUSED_BY_TETHER),
    TUNNEL(WatchEvent.Type.TUNNEL_LOST, WatchEvent.Type.TUNNEL_BACK),
    BUILD(WatchEvent.Type.BUILD_FINISHED, WatchEvent.Type.BUILD_FAILED),
    WORKSPACE_END(WatchEvent.Type.ENDING_SOON, WatchEvent.Type.RECYCLED),
    SPEND_LIMIT(WatchEvent.Type.SPEND_LIMIT_WARNING, WatchEvent.Type.SPEND_LIMIT_REACHED);

    private final Set<WatchEvent.Type> types;

    NoticeKind(WatchEvent.Type... types) {
        this.types = Set.of(types);
    }

    /** The kind {@code type} belongs to; empty for events that never notify (state changes, failed rounds). */
    public static Optional<NoticeKind> of(WatchEvent.Type type) {
        for (NoticeKind kind : values()) {
            if (kind.types.contains(type)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The id in settings ({@code notify.<id>}) and in message keys. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The Settings label of the switch. */
    public String labelKey() {
        return "watch.notice.kind." + id();
    }
}
