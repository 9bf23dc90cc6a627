package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Messages;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which events notify, under which key, and that every notice has its own text in both languages. */
class NoticesTest {
    private final Notices all = new Notices(kind -> true);

    @AfterEach
    void resetLanguage() {
        Messages.setLocale(Messages.defaultLocale());
    }

    private static WatchEvent event(WatchEvent.Type type) {
        return new WatchEvent(Instant.now(), "gpu-a", type, null, "text");
    }

    @Test
    void everyNoticeHasATitleAndButtonLabelsOfItsOwnInBothLanguages() {
        for (Locale locale : new Locale[] {Locale.ENGLISH, Messages.CHINESE}) {
            Messages.setLocale(locale);
            for (WatchEvent.Type type : WatchEvent.Type.values()) {
                all.of(event(type)).filter(notice -> !notice.withdraw()).ifPresent(notice -> {
                    assertFalse(notice.title().startsWith("watch.notice"), locale + ": no title for " + type);
                    assertTrue(notice.title().contains("gpu-a"), locale + ": " + notice.title());
                    notice.actions().forEach(action -> assertFalse(Messages.get(action.labelKey())
                            .startsWith("watch.notice"), locale + ": no label for " + action));
                });
            }
            for (NoticeKind kind : NoticeKind.values()) {
                assertFalse(Messages.get(kind.labelKey()).startsWith("watch."), locale + ": no label for " + kind);
            }
        }
    }

    @Test
    void stateChangesAndFailedRoundsDoNotNotify() {
        assertTrue(all.of(event(WatchEvent.Type.STATE_CHANGED)).isEmpty());
        assertTrue(all.of(event(WatchEvent.Type.OBSERVE_FAILED)).isEmpty());
    }

    @Test
    void everyOtherEventBelongsToAKindThatCanBeTurnedOff() {
        for (WatchEvent.Type type : WatchEvent.Type.values()) {
            if (type != WatchEvent.Type.STATE_CHANGED && type != WatchEvent.Type.OBSERVE_FAILED) {
                NoticeKind kind = NoticeKind.of(type).orElseThrow(() -> new AssertionError(type + " has no kind"));
                assertTrue(new Notices(k -> k != kind).of(event(type)).isEmpty(), type + " still notified");
            }
        }
    }

    @Test
    void aPreemptionAndTheRestartThatFollowsShareOneNotification() {
        String key = all.of(event(WatchEvent.Type.PREEMPTED)).orElseThrow().key();
        assertEquals(key, all.of(event(WatchEvent.Type.RESTARTING)).orElseThrow().key());
        assertEquals(key, all.of(event(WatchEvent.Type.RESTARTED)).orElseThrow().key());
        assertEquals(Notice.Urgency.CRITICAL, all.of(event(WatchEvent.Type.PREEMPTED)).orElseThrow().urgency());
        assertEquals(Notice.Urgency.CRITICAL, all.of(event(WatchEvent.Type.RECYCLED)).orElseThrow().urgency());
    }
}
