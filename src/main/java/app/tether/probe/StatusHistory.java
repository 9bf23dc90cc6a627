package app.tether.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Last 15 minutes of samples per (target, gpu index), for sparklines. Thread-safe: the refresher writes
 * from background threads while the UI reads.
 */
public final class StatusHistory {
    /** How far back the history reaches, measured from each target's newest sample. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** A bound on points per GPU even if samples come faster than expected (refreshNow clicked often). */
    static final int MAX_POINTS = 1800;

    private record Point(Instant at, Double utilization, Double memoryPercent) {
    }

    private record Key(String target, int gpuIndex) {
    }

    private final Map<Key, Deque<Point>> points = new HashMap<>();

    /** Adds the GPUs of an ONLINE status; other statuses add nothing (a gap, not a zero). */
    public synchronized void record(ServerStatus status) {
        if (!status.online()) {
            return;
        }
        for (GpuSample gpu : status.gpus()) {
            Deque<Point> series = points.computeIfAbsent(new Key(status.target(), gpu.index()), k -> new ArrayDeque<>());
            if (!series.isEmpty() && status.at().isBefore(series.peekLast().at())) {
                continue; // a late answer from an older probe
            }
            series.addLast(new Point(status.at(), gpu.utilizationPercent(), gpu.memoryPercent()));
        }
        Instant oldest = status.at().minus(WINDOW);
        points.forEach((key, series) -> {
            if (key.target().equals(status.target())) {
                while (!series.isEmpty() && (series.peekFirst().at().isBefore(oldest) || series.size() > MAX_POINTS)) {
                    series.removeFirst();
                }
            }
        });
        points.entrySet().removeIf(e -> e.getValue().isEmpty());
    }

    /**
     * GPU utilisation in percent, oldest first, over the last 15 minutes. Samples where the GPU reported no
     * utilisation (MIG mode, [N/A]) are left out, so a MIG GPU's list stays empty.
     */
    public List<Double> utilization(String target, int gpuIndex) {
        return values(target, gpuIndex, Point::utilization);
    }

    /** Used memory as a percentage of total, oldest first, over the last 15 minutes (unknowns left out). */
    public List<Double> memoryPercent(String target, int gpuIndex) {
        return values(target, gpuIndex, Point::memoryPercent);
    }

    /** Forgets a target (removed from the inventory, or renamed). */
    public synchronized void forget(String target) {
        points.keySet().removeIf(key -> key.target().equals(target));
    }

    private synchronized List<Double> values(String target, int gpuIndex, Function<Point, Double> value) {
        Deque<Point> series = points.get(new Key(target, gpuIndex));
        if (series == null) {
            return List.of();
        }
        List<Double> values = new ArrayList<>(series.size());
        for (Point point : series) {
            Double v = value.apply(point);
            if (v != null) {
                values.add(v);
            }
        }
        return List.copyOf(values);
    }
}
