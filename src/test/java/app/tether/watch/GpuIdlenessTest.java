package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.probe.GpuSample;
import app.tether.testing.EnglishMessages;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The GPU signal from nvidia-smi samples: idle only when every GPU reports a utilisation below the threshold. */
@ExtendWith(EnglishMessages.class)
class GpuIdlenessTest {
    private static GpuSample gpu(int index, Double utilisation) {
        return new GpuSample(index, "NVIDIA H100", "GPU-" + index, utilisation, null, null, null, null, null, null);
    }

    @Test
    void everyGpuBelowTheThresholdIsIdle() {
        assertEquals(IdleSignal.idle(IdleSignal.Source.GPU, "every GPU below 5 % (GPU 0: 0 %, GPU 1: 4 %)"),
                GpuIdleness.of(List.of(gpu(0, 0.0), gpu(1, 4.4)), 5));
    }

    @Test
    void oneGpuAtTheThresholdIsBusyEvenIfAnotherCannotSay() {
        assertEquals(IdleSignal.busy(IdleSignal.Source.GPU, "at or above 5 % (GPU 0: ?, GPU 1: 5 %)"),
                GpuIdleness.of(List.of(gpu(0, null), gpu(1, 5.0)), 5));
    }

    @Test
    void aGpuWithoutUtilisationOrNoGpuCannotReport() {
        assertEquals(IdleSignal.Reading.CANNOT_REPORT, GpuIdleness.of(List.of(gpu(0, 1.0), gpu(1, null)), 5).reading());
        assertEquals(IdleSignal.cannotReport(IdleSignal.Source.GPU, "no GPU seen"), GpuIdleness.of(List.of(), 5));
    }
}
