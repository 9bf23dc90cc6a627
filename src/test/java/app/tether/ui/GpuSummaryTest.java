package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.tether.core.Messages;
import app.tether.inventory.SshServer;
import app.tether.inventory.TargetState;
import app.tether.probe.GpuAvailability;
import app.tether.probe.GpuSample;
import app.tether.probe.NvidiaSmiParser;
import app.tether.probe.Reachability;
import app.tether.probe.ServerStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a list row says about a server's GPUs, from real nvidia-smi captures. */
class GpuSummaryTest {
    @BeforeEach
    void english() {
        Messages.setLocale(Locale.ENGLISH);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = GpuSummaryTest.class.getResourceAsStream("/fixtures/nvidia-smi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ServerStatus online(List<GpuSample> gpus, GpuAvailability availability) {
        return new ServerStatus("gpu1", Instant.now(), Reachability.ONLINE, null, null, availability, null, gpus, List.of());
    }

    @Test
    void summarisesIdenticalGpusWithTheirMeanUtilisation() throws IOException {
        List<GpuSample> gpus = NvidiaSmiParser.parseTable(fixture("table-4xA100-SXM4-80GB-drv555-no-processes-thamada-gls.txt"));
        assertEquals("4× A100-SXM4-80GB · 0 %", GpuSummary.line(online(gpus, GpuAvailability.AVAILABLE)));
    }

    @Test
    void mixedModelsAreCountedAsGpus() throws IOException {
        List<GpuSample> gpus = new java.util.ArrayList<>(NvidiaSmiParser.parseGpuCsv(
                fixture("csv-1xH100-80GB-HBM3-load-drv590-allfields-nvidia_gpu_exporter.csv")));
        gpus.addAll(NvidiaSmiParser.parseTable(fixture("table-2xRTX3090-drv560-no-processes-thamada-gls.txt")));
        assertEquals(3, gpus.size());
        String line = GpuSummary.line(online(gpus, GpuAvailability.AVAILABLE));
        assertEquals(true, line.startsWith("3× GPUs · "), line);
    }

    @Test
    void saysWhenThereIsNoGpuAndNothingWhenOffline() {
        assertEquals("No NVIDIA GPU", GpuSummary.line(online(List.of(), GpuAvailability.NO_NVIDIA_SMI)));
        assertEquals("GPU driver not usable", GpuSummary.line(online(List.of(), GpuAvailability.NO_DRIVER)));
        assertNull(GpuSummary.line(ServerStatus.unreachable("gpu1", Instant.now(), Reachability.OFFLINE, "down")));
    }

    @Test
    void aStatusSetsTheRowsBadge() {
        TargetItem row = new TargetItem(SshServer.ofHost("gpu1", "h", null, null, null, null));
        row.apply(ServerStatus.unreachable("gpu1", Instant.now(), Reachability.HOST_KEY_CHANGED, "changed"));
        assertEquals(TargetState.HOST_KEY_CHANGED, row.state());
        assertNull(row.gpuSummaryProperty().get());
        row.apply(online(List.of(), GpuAvailability.NO_NVIDIA_SMI));
        assertEquals(TargetState.ONLINE, row.state());
        assertEquals("No NVIDIA GPU", row.gpuSummaryProperty().get());
    }

    @Test
    void shortensVendorPrefixes() {
        assertEquals("RTX 4090", GpuSummary.shortName("NVIDIA GeForce RTX 4090"));
        assertEquals("P100-PCIE-16GB", GpuSummary.shortName("Tesla P100-PCIE-16GB"));
        assertEquals("H100 80GB HBM3", GpuSummary.shortName("NVIDIA H100 80GB HBM3"));
    }
}
