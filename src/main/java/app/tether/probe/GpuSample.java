package app.tether.probe;

/**
 * One GPU as nvidia-smi reported it at one moment; a null field means the GPU did not report it
 * ({@code [N/A]}, {@code [Not Supported]}, or a MIG-enabled GPU's utilisation).
 */
public record GpuSample(int index, String name, String uuid, Double utilizationPercent, Double memoryUtilizationPercent,
        Long memoryUsedMiB, Long memoryTotalMiB, Double temperatureC, Double powerW, Double powerLimitW) {

    /** Used memory as a percentage of the total, or null when either is unknown. */
    public Double memoryPercent() {
        if (memoryUsedMiB == null || memoryTotalMiB == null || memoryTotalMiB <= 0) {
            return null;
        }
        return 100.0 * memoryUsedMiB / memoryTotalMiB;
    }
}
