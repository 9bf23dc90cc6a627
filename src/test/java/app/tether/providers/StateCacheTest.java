package app.tether.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.TargetState;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCacheTest {
    @TempDir
    Path dir;

    @Test
    void aRecordedStateComesBackWithItsStagePriceAndTime() {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        new StateCache(dir.resolve("state.json")).record("space", new LiveState(TargetState.STARTING, "APP_STARTING",
                "t4-small", new BigDecimal("0.40"), null, at));
        LiveState back = new StateCache(dir.resolve("state.json")).get("space").orElseThrow();
        assertEquals(new LiveState(TargetState.STARTING, "APP_STARTING", "t4-small", new BigDecimal("0.40"), null, at),
                back);
    }

    @Test
    void anOlderObservationDoesNotReplaceANewerOne() {
        StateCache cache = new StateCache(dir.resolve("state.json"));
        cache.record("a", new LiveState(TargetState.RUNNING, null, null, null, null, Instant.parse("2026-12-01T10:00:00Z")));
        cache.record("a", new LiveState(TargetState.STOPPED, null, null, null, null, Instant.parse("2026-12-01T09:00:00Z")));
        assertEquals(TargetState.RUNNING, cache.get("a").orElseThrow().state());
    }

    @Test
    void writersInParallelKeepEachOthersEntries() throws Exception {
        Path file = dir.resolve("state.json");
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "t" + i;
            // a cache object per thread: like separate processes, they share only the file
            threads.add(new Thread(() -> new StateCache(file).record(name, LiveState.of(TargetState.ONLINE))));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(8, new StateCache(file).all().size());
        new StateCache(file).retain(Set.of("t1", "t2"));
        assertEquals(Set.of("t1", "t2"), new StateCache(file).all().keySet());
    }

    @Test
    void anUnreadableFileIsReadAsEmptyAndReplacedOnTheNextWrite() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{not json");
        StateCache cache = new StateCache(file);
        assertEquals(Map.of(), cache.all());
        cache.record("x", LiveState.of(TargetState.OFFLINE));
        assertEquals(TargetState.OFFLINE, cache.get("x").orElseThrow().state());
        assertTrue(Files.readString(file).contains("\"offline\""));
    }
}
