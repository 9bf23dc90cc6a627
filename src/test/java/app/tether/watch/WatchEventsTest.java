package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchEventsTest {
    private static WatchEvent event(String target) {
        return new WatchEvent(Instant.EPOCH, target, WatchEvent.Type.PAUSED_BY_TETHER, null, "paused");
    }

    @Test
    void everySubscriberGetsTheEventEvenAfterOneThrowsAndAClosedOneNoLonger() throws Exception {
        WatchEvents events = new WatchEvents();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        AutoCloseable one = events.subscribe(e -> first.add(e.target()));
        events.subscribe(e -> {
            throw new IllegalStateException("broken subscriber");
        });
        events.subscribe(e -> second.add(e.target()));
        events.accept(event("a"));
        one.close();
        events.accept(event("b"));
        assertEquals(List.of("a"), first);
        assertEquals(List.of("a", "b"), second);
    }
}
