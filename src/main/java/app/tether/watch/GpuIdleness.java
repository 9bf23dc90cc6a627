package app.tether.watch;

import app.tether.core.Messages;
import app.tether.probe.GpuSample;
import java.util.List;
import java.util.stream.Collectors;

/** The GPU signal from one nvidia-smi reading: idle when every GPU is below the threshold. */
final class GpuIdleness {
    private GpuIdleness() {
    }

    static IdleSignal of(List<GpuSample> gpus, int thresholdPercent) {
        if (gpus.isEmpty()) {
            return IdleSignal.cannotReport(IdleSignal.Source.GPU, Messages.get("idle.gpu.noGpu"));
        }
        String values = gpus.stream().map(g -> "GPU " + g.index() + ": " + (g.utilizationPercent() == null ? "?"
                : Math.round(g.utilizationPercent()) + " %")).collect(Collectors.joining(", "));
        if (gpus.stream().anyMatch(g -> g.utilizationPercent() != null && g.utilizationPercent() >= thresholdPercent)) {
            return IdleSignal.busy(IdleSignal.Source.GPU, Messages.get("idle.gpu.busy", thresholdPercent, values));
        }
        if (gpus.stream().anyMatch(g -> g.utilizationPercent() == null)) {
            return IdleSignal.cannotReport(IdleSignal.Source.GPU, Messages.get("idle.gpu.unknownValue", values));
        }
        return IdleSignal.idle(IdleSignal.Source.GPU, Messages.get("idle.gpu.below", thresholdPercent, values));
    }
}
