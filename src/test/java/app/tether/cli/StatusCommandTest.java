package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.probe.GpuAvailability;
import app.tether.probe.GpuSample;
import app.tether.probe.HostFacts;
import app.tether.probe.Reachability;
import app.tether.probe.ServerStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    private static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void unreportedHostNumbersAreNullAndMissingGpuValuesToo() {
        ServerStatus status = new ServerStatus("box", AT, Reachability.ONLINE, null,
                new HostFacts("box", null, -1, -1, -1, -1, -1, 1024, -1, 0), GpuAvailability.AVAILABLE, null,
                List.of(new GpuSample(0, "NVIDIA H100 80GB HBM3", null, null, null, 11125L, 81559L, 53.0, null, 700.0)),
                List.of());
        assertEquals("{\"online\":true,\"hostname\":\"box\",\"gpus\":[{\"index\":0,\"name\":\"NVIDIA H100 80GB HBM3\","
                + "\"uuid\":null,\"utilizationPercent\":null,\"memoryUtilizationPercent\":null,\"memoryUsedMiB\":11125,"
                + "\"memoryTotalMiB\":81559,\"temperatureC\":53.0,\"powerW\":null,\"powerLimitW\":700.0}],"
                + "\"host\":{\"hostname\":\"box\",\"os\":null,\"uptimeSeconds\":null,\"load1\":null,\"load5\":null,"
                + "\"load15\":null,\"cpuCount\":null,\"memoryTotalMiB\":1024,\"memoryAvailableMiB\":null,\"homeFreeMiB\":0},"
                + "\"target\":\"box\",\"at\":\"2026-11-23T12:00:00Z\",\"reachability\":\"ONLINE\",\"error\":null,"
                + "\"gpuAvailability\":\"AVAILABLE\",\"gpuError\":null,\"processes\":[]}",
                StatusCommand.toJson(status).toString());
    }

    @Test
    void exitCodesFollowTheSshOnes() {
        assertEquals(0, StatusCommand.exitCode(status(Reachability.ONLINE)));
        assertEquals(3, StatusCommand.exitCode(status(Reachability.OFFLINE)));
        assertEquals(3, StatusCommand.exitCode(status(Reachability.AUTH_FAILED)));
        assertEquals(4, StatusCommand.exitCode(status(Reachability.HOST_KEY_CHANGED)));
        assertEquals(4, StatusCommand.exitCode(status(Reachability.HOST_KEY_UNKNOWN)));
    }

    @Test
    void anUnreachableServerHasNoHostAndNoGpus() {
        String json = StatusCommand.toJson(ServerStatus.unreachable("box", AT, Reachability.AUTH_FAILED, "denied")).toString();
        assertEquals("{\"online\":false,\"hostname\":null,\"gpus\":[],\"host\":null,\"target\":\"box\","
                + "\"at\":\"2026-11-23T12:00:00Z\",\"reachability\":\"AUTH_FAILED\",\"error\":\"denied\","
                + "\"gpuAvailability\":null,\"gpuError\":null,\"processes\":[]}", json);
    }

    private static ServerStatus status(Reachability reachability) {
        return ServerStatus.unreachable("x", AT, reachability, reachability == Reachability.ONLINE ? null : "e");
    }
}
