package app.tether.probe;

import java.time.Instant;
import java.util.List;

/**
 * The live state of one server at one moment. {@code error} is a localized line for the user (null when
 * ONLINE); {@code host} is null unless ONLINE; {@code gpuError} says why GPUs are not AVAILABLE.
 */
public record ServerStatus(String target, Instant at, Reachability reachability, String error,
        HostFacts host, GpuAvailability gpuAvailability, String gpuError, List<GpuSample> gpus,
        List<GpuProcess> processes) {

    public ServerStatus {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        processes = processes == null ? List.of() : List.copyOf(processes);
    }

    public boolean online() {
        return reachability == Reachability.ONLINE;
    }

    /** A status for a server that could not be reached: no host facts, no GPUs. */
    public static ServerStatus unreachable(String target, Instant at, Reachability reachability, String error) {
        return new ServerStatus(target, at, reachability, error, null, null, null, List.of(), List.of());
    }
}
