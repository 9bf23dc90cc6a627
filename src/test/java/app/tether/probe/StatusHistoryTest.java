package app.tether.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatusHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private static ServerStatus status(String target, Instant at, GpuSample... gpus) {
        return new ServerStatus(target, at, Reachability.ONLINE, null, null, GpuAvailability.AVAILABLE, null,
                List.of(gpus), List.of());
    }

    private static GpuSample gpu(int index, Double utilization, long used) {
        return new GpuSample(index, "GPU", null, utilization, null, used, 1000L, null, null, null);
    }

    @Test
    void keepsFifteenMinutesPerTargetAndGpu() {
        StatusHistory history = new StatusHistory();
        for (int minute = 0; minute <= 20; minute++) {
            history.record(status("a", T0.plusSeconds(60L * minute), gpu(0, (double) minute, 10L * minute), gpu(1, 100.0, 0)));
        }
        // newest at minute 20: minutes 5..20 are within 15 minutes
        assertEquals(IntStream.rangeClosed(5, 20).mapToObj(m -> (double) m).toList(), history.utilization("a", 0));
        assertEquals(IntStream.rangeClosed(5, 20).mapToObj(m -> m * 1.0).toList(), history.memoryPercent("a", 0));
        assertEquals(16, history.utilization("a", 1).size());
        assertEquals(List.of(), history.utilization("b", 0));
    }

    @Test
    void unknownValuesAndUnreachableStatusesAddNothing() {
        StatusHistory history = new StatusHistory();
        history.record(status("a", T0, gpu(0, 10.0, 100)));
        history.record(status("a", T0.plusSeconds(5), gpu(0, null, 200))); // MIG: no utilisation
        history.record(ServerStatus.unreachable("a", T0.plusSeconds(10), Reachability.OFFLINE, "down"));
        assertEquals(List.of(10.0), history.utilization("a", 0));
        assertEquals(List.of(10.0, 20.0), history.memoryPercent("a", 0));
    }

    @Test
    void lateAnswersFromOlderProbesAreDropped() {
        StatusHistory history = new StatusHistory();
        history.record(status("a", T0.plusSeconds(10), gpu(0, 2.0, 0)));
        history.record(status("a", T0, gpu(0, 1.0, 0)));
        assertEquals(List.of(2.0), history.utilization("a", 0));
    }

    @Test
    void forgetDropsATarget() {
        StatusHistory history = new StatusHistory();
        history.record(status("a", T0, gpu(0, 1.0, 0)));
        history.record(status("b", T0, gpu(0, 2.0, 0)));
        history.forget("a");
        assertEquals(List.of(), history.utilization("a", 0));
        assertEquals(List.of(2.0), history.utilization("b", 0));
    }

    @Test
    void manyWritersAndReadersAtOnce() {
        StatusHistory history = new StatusHistory();
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String target = "t" + t;
            work.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 500; i++) {
                    history.record(status(target, T0.plusSeconds(i), gpu(0, (double) i, i)));
                    history.utilization(target, 0);
                }
            }));
        }
        work.forEach(CompletableFuture::join);
        for (int t = 0; t < 8; t++) {
            assertEquals(500, history.utilization("t" + t, 0).size());
        }
    }
}
