package app.tether.watch;

import java.util.Optional;
import java.util.function.BiConsumer;

/** A button on a notification, and which {@link EventResponses} answer it gives for the notice's target. */
public enum NoticeAction {
    KEEP_RUNNING("keep-running", EventResponses::keepRunning),
    PAUSE_NOW("pause-now", EventResponses::pauseNow),
    RESTART("restart", EventResponses::restart),
    OPEN("open", EventResponses::open);

    private final String id;
    private final BiConsumer<EventResponses, String> response;

    NoticeAction(String id, BiConsumer<EventResponses, String> response) {
        this.id = id;
        this.response = response;
    }

    /** The action key sent to the notification server (and back in ActionInvoked). */
    public String id() {
        return id;
    }

    public String labelKey() {
        return "watch.notice.action." + id;
    }

    /** Gives this answer for {@code target}. */
    public void respond(EventResponses responses, String target) {
        response.accept(responses, target);
    }

    /** The action with key {@code id}; the freedesktop "default" key (a click on the notice itself) opens. */
    public static Optional<NoticeAction> ofId(String id) {
        if ("default".equals(id)) {
            return Optional.of(OPEN);
        }
        for (NoticeAction action : values()) {
            if (action.id.equals(id)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
