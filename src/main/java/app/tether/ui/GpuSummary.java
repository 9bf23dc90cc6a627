package app.tether.ui;

import app.tether.core.Messages;
import app.tether.inventory.TargetState;
import app.tether.probe.GpuAvailability;
import app.tether.probe.GpuSample;
import app.tether.probe.Reachability;
import app.tether.probe.ServerStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Turns a probe's {@link ServerStatus} into what a list row shows: a state and a one-line GPU summary. */
final class GpuSummary {
    private GpuSummary() {
    }

    static TargetState state(Reachability reachability) {
        return switch (reachability) {
            case ONLINE -> TargetState.ONLINE;
            case OFFLINE -> TargetState.OFFLINE;
            case AUTH_FAILED -> TargetState.AUTH_FAILED;
            case HOST_KEY_CHANGED -> TargetState.HOST_KEY_CHANGED;
            case HOST_KEY_UNKNOWN -> TargetState.HOST_KEY_UNKNOWN;
        };
    }

    /** "4× A100 80GB · 72 %", "No GPU", or null when the server is not online. */
    static String line(ServerStatus status) {
        if (!status.online()) {
            return null;
        }
        if (status.gpuAvailability() != GpuAvailability.AVAILABLE) {
            return Messages.get(status.gpuAvailability() == GpuAvailability.NO_NVIDIA_SMI
                    ? "ui.gpu.summary.none" : "ui.gpu.summary.unusable");
        }
        List<GpuSample> gpus = status.gpus();
        if (gpus.isEmpty()) {
            return Messages.get("ui.gpu.summary.none");
        }
        String first = shortName(gpus.get(0).name());
        boolean same = gpus.stream().allMatch(g -> Objects.equals(shortName(g.name()), first));
        String model = same ? first : Messages.get("ui.gpu.summary.mixed");
        double[] util = gpus.stream().map(GpuSample::utilizationPercent).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray();
        if (util.length == 0) {
            return Messages.get("ui.gpu.summary.noUtil", gpus.size(), model);
        }
        double mean = Arrays.stream(util).average().orElse(0);
        return Messages.get("ui.gpu.summary", gpus.size(), model, Math.round(mean));
    }

    /** "NVIDIA GeForce RTX 4090" → "RTX 4090"; "NVIDIA A100-SXM4-80GB" → "A100-SXM4-80GB". */
    static String shortName(String name) {
        if (name == null) {
            return "GPU";
        }
        return name.replaceFirst("^NVIDIA\\s+", "").replaceFirst("^(GeForce|Tesla|Quadro)\\s+", "").strip();
    }
}
