package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkspaceEndWatchTest {
    private final WorkspaceEndWatch watch = new WorkspaceEndWatch();
    private final Instant deadline = Instant.parse("2026-12-05T14:00:00Z");

    private Optional<WatchEvent> at(String time, TargetState state) {
        return watch.observe("gpu", state, state == TargetState.RUNNING ? deadline : null, Instant.parse(time),
                minutes -> "ends in " + minutes, () -> "closed");
    }

    @Test
    void warnsOnceAtThirtyAndOnceAtTenMinutes() {
        assertTrue(at("2026-12-05T13:00:00Z", TargetState.RUNNING).isEmpty());
        assertEquals("ends in 29", at("2026-12-05T13:31:00Z", TargetState.RUNNING).orElseThrow().message());
        assertTrue(at("2026-12-05T13:40:00Z", TargetState.RUNNING).isEmpty());
        WatchEvent ten = at("2026-12-05T13:51:00Z", TargetState.RUNNING).orElseThrow();
        assertEquals(WatchEvent.Type.ENDING_SOON, ten.type());
        assertEquals("ends in 9", ten.message());
        assertEquals(TargetState.RUNNING, ten.state());
        assertTrue(at("2026-12-05T13:55:00Z", TargetState.RUNNING).isEmpty());
    }

    @Test
    void firstSeenInsideBothThresholdsGivesOneNotice() {
        assertEquals("ends in 5", at("2026-12-05T13:55:00Z", TargetState.RUNNING).orElseThrow().message());
        assertTrue(at("2026-12-05T13:56:00Z", TargetState.RUNNING).isEmpty());
    }

    @Test
    void closingWhileRunningIsRecyclingUnlessStoppedHere() {
        at("2026-12-05T13:00:00Z", TargetState.RUNNING);
        WatchEvent recycled = at("2026-12-05T14:00:30Z", TargetState.STOPPED).orElseThrow();
        assertEquals(WatchEvent.Type.RECYCLED, recycled.type());
        assertEquals("recycled", recycled.type().id());
        assertTrue(at("2026-12-05T14:01:00Z", TargetState.STOPPED).isEmpty());

        at("2026-12-05T13:00:00Z", TargetState.RUNNING);
        watch.stoppedByUser("gpu");
        assertTrue(at("2026-12-05T13:01:00Z", TargetState.STOPPED).isEmpty());
    }

    @Test
    void aNewWorkspaceHasItsOwnWarnings() {
        at("2026-12-05T13:55:00Z", TargetState.RUNNING);
        Instant later = deadline.plus(Duration.ofHours(4));
        assertTrue(watch.observe("gpu", TargetState.RUNNING, later, Instant.parse("2026-12-05T14:10:00Z"),
                m -> "x", () -> "y").isEmpty());
        assertEquals("x", watch.observe("gpu", TargetState.RUNNING, later, later.minus(Duration.ofMinutes(20)),
                m -> "x", () -> "y").orElseThrow().message());
    }
}
