package app.tether.watch;

import app.tether.core.Messages;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns {@link WatchEvent}s into {@link Notice}s: which events notify at all, with what urgency and buttons, and
 * which share a key so that a later one updates an earlier one in place. Kinds turned off in Settings give none.
 */
public final class Notices {
    private static final List<NoticeAction> NONE = List.of();
    private static final List<NoticeAction> RESTART_OPEN = List.of(NoticeAction.RESTART, NoticeAction.OPEN);
    private static final List<NoticeAction> OPEN = List.of(NoticeAction.OPEN);

    private final Predicate<NoticeKind> enabled;

    /** @param enabled whether the user wants notices of a kind (read at each event, so a switch applies at once) */
    public Notices(Predicate<NoticeKind> enabled) {
        this.enabled = enabled;
    }

    /** The notice for {@code event}, or empty when it does not notify or its kind is turned off. */
    public Optional<Notice> of(WatchEvent event) {
        Optional<NoticeKind> kind = NoticeKind.of(event.type());
        if (kind.isEmpty() || !enabled.test(kind.get())) {
            return Optional.empty();
        }
        String target = event.target();
        String key = group(event.type()) + ":" + target;
        if (event.type() == WatchEvent.Type.IDLE_PAUSE_CANCELLED) {
            return Optional.of(new Notice(key, target, event.type(), "", "", Notice.Urgency.LOW, NONE, true));
        }
        String title = Messages.get("watch.notice.title." + event.type().id(), target);
        String body = event.message() == null ? "" : event.message();
        return Optional.of(new Notice(key, target, event.type(), title, body, urgency(event.type()),
                actions(event.type()), false));
    }

    /** Notices of one group replace each other: the pause that ends a countdown replaces the countdown. */
    private static String group(WatchEvent.Type type) {
        return type == WatchEvent.Type.PAUSED_BY_TETHER ? NoticeKind.IDLE_PAUSE.id()
                : NoticeKind.of(type).orElseThrow().id();
    }

    private static Notice.Urgency urgency(WatchEvent.Type type) {
        return switch (type) {
            case PREEMPTED, RESTART_ASKED, RESTART_FAILED, RECYCLED, SPEND_LIMIT_REACHED -> Notice.Urgency.CRITICAL;
            case TUNNEL_BACK, RESTARTING, WAITING_FOR_CAPACITY -> Notice.Urgency.LOW;
            default -> Notice.Urgency.NORMAL;
        };
    }

    private static List<NoticeAction> actions(WatchEvent.Type type) {
        return switch (type) {
            case PREEMPTED, RESTART_ASKED, RESTART_FAILED, RECYCLED, PAUSED_BY_TETHER -> RESTART_OPEN;
            case IDLE_PAUSE_PENDING -> List.of(NoticeAction.KEEP_RUNNING, NoticeAction.PAUSE_NOW);
            case SPEND_LIMIT_WARNING, SPEND_LIMIT_REACHED -> List.of(NoticeAction.PAUSE_NOW, NoticeAction.OPEN);
            case RESTARTING, WAITING_FOR_CAPACITY, TUNNEL_BACK -> NONE;
            default -> OPEN;
        };
    }
}
