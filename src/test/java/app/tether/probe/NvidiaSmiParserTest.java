package app.tether.probe;

import static app.tether.probe.NvidiaSmiFixtures.commands;
import static app.tether.probe.NvidiaSmiFixtures.queryFields;
import static app.tether.probe.NvidiaSmiFixtures.read;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.tether.probe.NvidiaSmiParser.Format;
import app.tether.probe.NvidiaSmiParser.GpuReading;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NvidiaSmiParserTest {
    private static final String MASKED_UUID = "GPU-00000000-0000-0000-0000-000000000000";

    // ---- every capture ----

    @Test
    void theFixtureSetIsComplete() {
        assertEquals(46, NvidiaSmiFixtures.names().count());
        NvidiaSmiFixtures.names().forEach(n -> assertNotNull(commands().get(n), "COMMANDS.txt has no command for " + n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("app.tether.probe.NvidiaSmiFixtures#names")
    void everyCaptureIsReadSensibly(String name) {
        String text = read(name);
        String command = commands().get(name);
        if (name.startsWith("csv-")) {
            assertEquals(Format.CSV, NvidiaSmiParser.detect(text));
            List<GpuSample> gpus = NvidiaSmiParser.parseGpuCsv(text, queryFields(command));
            assertEquals(expectedGpuCount(name), gpus.size());
            assertIndexesAreZeroToN(gpus);
            gpus.forEach(g -> assertTrue(g.memoryUsedMiB() != null || g.temperatureC() != null, g.toString()));
            GpuReading asTether = NvidiaSmiParser.readGpus(0, text);
            if (command.contains("noheader")) {
                // Columns of somebody else's query and no header to name them: never invent GPUs from them.
                assertEquals(GpuAvailability.ERROR, asTether.availability());
                assertTrue(asTether.gpus().isEmpty());
            } else {
                assertEquals(GpuAvailability.AVAILABLE, asTether.availability());
                assertEquals(gpus, asTether.gpus());
            }
        } else if (name.startsWith("compute-apps-")) {
            assertEquals(Format.CSV, NvidiaSmiParser.detect(text));
            List<GpuProcess> processes = NvidiaSmiParser.parseComputeApps(text);
            assertEquals(text.strip().lines().count() - 1, processes.size()); // every line but the header
            processes.forEach(p -> assertAll(
                    () -> assertTrue(p.pid() > 0),
                    () -> assertTrue(p.gpuUuid().startsWith("GPU-")),
                    () -> assertNotNull(p.processName())));
            assertEquals(processes, NvidiaSmiParser.readComputeApps(0, text));
            assertEquals(List.of(), NvidiaSmiParser.readComputeApps(9, text));
        } else if (name.startsWith("table-")) {
            assertEquals(Format.TABLE, NvidiaSmiParser.detect(text));
            GpuReading reading = NvidiaSmiParser.readGpus(0, text);
            assertEquals(GpuAvailability.AVAILABLE, reading.availability());
            assertEquals(expectedGpuCount(name), reading.gpus().size());
            assertIndexesAreZeroToN(reading.gpus());
            reading.gpus().forEach(g -> assertAll(
                    () -> assertNotNull(g.name()),
                    () -> assertTrue(g.memoryTotalMiB() > 0),
                    () -> assertTrue(g.memoryUsedMiB() <= g.memoryTotalMiB()),
                    () -> assertNotNull(g.powerLimitW(), g.toString())));
            assertEquals(List.of(), NvidiaSmiParser.readComputeApps(0, text));
        } else if (name.startsWith("list-L-")) {
            assertEquals(Format.LIST, NvidiaSmiParser.detect(text));
            GpuReading reading = NvidiaSmiParser.readGpus(0, text);
            assertEquals(expectedGpuCount(name), reading.gpus().size());
            reading.gpus().forEach(g -> assertTrue(g.uuid().startsWith("GPU-"), g.uuid()));
        } else if (name.startsWith("error-")) {
            assertEquals(Format.ERROR_TEXT, NvidiaSmiParser.detect(text));
            GpuAvailability expected = name.contains("command-not-found")
                    ? GpuAvailability.NO_NVIDIA_SMI : GpuAvailability.NO_DRIVER;
            String firstLine = text.lines().findFirst().orElseThrow().strip();
            // Judged by the text, whatever the exit status (it is not in the captures).
            for (int exit : new int[] {exitStatusOf(name), 255, 0}) {
                GpuReading reading = NvidiaSmiParser.readGpus(exit, text);
                assertEquals(expected, reading.availability(), "exit " + exit);
                assertEquals(firstLine, reading.detail());
                assertTrue(reading.gpus().isEmpty());
            }
        } else {
            fail("a fixture this test does not know how to judge: " + name);
        }
    }

    // ---- query-gpu CSV, exact values ----

    @Test
    void h100UnderLoadAllFields() {
        List<GpuSample> gpus = NvidiaSmiParser.parseGpuCsv(read("csv-1xH100-80GB-HBM3-load-drv590-allfields-nvidia_gpu_exporter.csv"));
        assertEquals(List.of(new GpuSample(0, "NVIDIA H100 80GB HBM3", MASKED_UUID, 100.0, 11.0, 19818L, 81559L,
                59.0, 631.95, 700.0)), gpus);
        assertEquals(100.0 * 19818 / 81559, gpus.get(0).memoryPercent(), 1e-9);
    }

    @Test
    void migEnabledGpusReportNoUtilisationButMemoryAndPower() {
        GpuSample h100 = NvidiaSmiParser.parseGpuCsv(read("csv-1xH100-MIG-enabled-load-drv590-allfields-nvidia_gpu_exporter.csv")).get(0);
        assertEquals(new GpuSample(0, "NVIDIA H100 80GB HBM3", MASKED_UUID, null, null, 11125L, 81559L, 53.0, 433.78, 700.0), h100);
        GpuSample h200 = NvidiaSmiParser.parseGpuCsv(read("csv-1xH200-MIG-enabled-load-drv590-allfields-nvidia_gpu_exporter.csv")).get(0);
        assertEquals(new GpuSample(0, "NVIDIA H200", MASKED_UUID, null, null, 16959L, 143771L, 36.0, 295.01, 700.0), h200);
    }

    @Test
    void idleGpuReportsZeroNotNull() {
        GpuSample h200 = NvidiaSmiParser.parseGpuCsv(read("csv-1xH200-idle-drv590-allfields-nvidia_gpu_exporter.csv")).get(0);
        assertEquals(0.0, h200.utilizationPercent());
        assertEquals(0L, h200.memoryUsedMiB());
        assertEquals(143771L, h200.memoryTotalMiB());
        assertEquals(0.0, h200.memoryPercent());
    }

    @Test
    void consumerAndWindowsCards() {
        assertEquals(new GpuSample(0, "NVIDIA L40S", MASKED_UUID, 9.0, 2.0, 1235L, 46068L, 54.0, 110.23, 350.0),
                NvidiaSmiParser.parseGpuCsv(read("csv-1xL40S-load-drv595-allfields-nvidia_gpu_exporter.csv")).get(0));
        assertEquals(new GpuSample(0, "NVIDIA GeForce RTX 4080 SUPER", MASKED_UUID, 7.0, 2.0, 1474L, 16376L, 46.0, 84.24, 320.0),
                NvidiaSmiParser.parseGpuCsv(read("csv-1xRTX4080SUPER-load-drv595-allfields-nvidia_gpu_exporter.csv")).get(0));
        assertEquals(new GpuSample(0, "NVIDIA GeForce RTX 2080 SUPER", MASKED_UUID, 8.0, 3.0, 815L, 8192L, 38.0, 98.14, 250.0),
                NvidiaSmiParser.parseGpuCsv(read("csv-1xRTX2080SUPER-linux-load-drv610-kmd_version-allfields-nvidia_gpu_exporter.csv")).get(0));
        assertEquals(new GpuSample(0, "NVIDIA GeForce RTX 2080 SUPER", MASKED_UUID, 7.0, 3.0, 1296L, 8192L, 45.0, 97.43, 250.0),
                NvidiaSmiParser.parseGpuCsv(read("csv-1xRTX2080SUPER-windows-wddm-load-drv591-allfields-nvidia_gpu_exporter.csv")).get(0));
        assertEquals(new GpuSample(0, "NVIDIA GeForce RTX 2080 SUPER", "GPU-df6e7a7c-7314-46f8-abc4-b88b36dcf3aa",
                2.0, 10.0, 876L, 8192L, 36.0, 32.7, 250.0),
                NvidiaSmiParser.parseGpuCsv(read("csv-1xRTX2080SUPER-windows-drv471-2021-allfields-nvidia_gpu_exporter-sample.csv")).get(0));
    }

    @Test
    void eightH100sKeepTheirIndexesAndOnlyTheQueriedFields() {
        List<GpuSample> gpus = NvidiaSmiParser.parseGpuCsv(read("csv-8xH100-80GB-HBM3-load-ansible-run-UNVERIFIED-REPO.csv"));
        assertEquals(8, gpus.size());
        assertEquals(new GpuSample(5, "NVIDIA H100 80GB HBM3", null, 98.0, null, 19760L, 81559L, null, null, null), gpus.get(5));
        assertEquals(List.of(100.0, 98.0, 100.0, 100.0, 100.0, 98.0, 100.0, 99.0),
                gpus.stream().map(GpuSample::utilizationPercent).toList());
    }

    @Test
    void withoutAnIndexColumnGpusAreNumberedInOrder() {
        List<GpuSample> gpus = NvidiaSmiParser.parseGpuCsv(read("csv-3xGeForce-mixed-8GB-4GB-load-a0s_nvidia-smi-exporter.csv"));
        assertEquals(List.of(0, 1, 2), gpus.stream().map(GpuSample::index).toList());
        assertEquals(new GpuSample(1, null, "GPU-68988cf6-8de9-6585-a263-d2e3ea96b75a", 100.0, 90.0, 586L, 4043L, 67.0, 187.04, 216.0),
                gpus.get(1));
        List<GpuSample> miners = NvidiaSmiParser.parseGpuCsv(read("csv-2xGeForce-GTX1080-mining-load-a0s_nvidia-smi-exporter.csv"));
        assertEquals(new GpuSample(1, null, "GPU-683c6e09-3969-31a5-b7ca-cc88252b7fce", 100.0, null, 641L, null, 71.0, 208.3, null),
                miners.get(1));
    }

    @Test
    void headerWithUnitsButValuesWithout() {
        // --format=csv,nounits: the header keeps "[MiB]", the values lose their units; no final newline.
        GpuSample p100 = NvidiaSmiParser.parseGpuCsv(read("csv-nounits-1xTeslaP100-PCIE-16GB-netdata.csv")).get(0);
        assertEquals(new GpuSample(0, "Tesla P100-PCIE-16GB", "GPU-ef1b2c9b-38d8-2090-2bd1-f567a3eb42a6", 0.0, 0.0, 0L, null,
                37.0, 28.16, null), p100);
    }

    @Test
    void noHeaderOutputsAreReadWithTheirQueryFields() {
        for (String name : List.of("csv-noheader-nounits-1GPU-fan-NA-drv-2020-i3pystatus-pr776.csv",
                "csv-noheader-nounits-1GPU-fan-NotSupported-older-driver-i3pystatus-pr776.csv")) {
            GpuSample gpu = NvidiaSmiParser.parseGpuCsv(read(name), queryFields(commands().get(name))).get(0);
            assertEquals(new GpuSample(0, null, null, 0.0, 0.0, 0L, 2004L, 44.0, null, null), gpu, name);
        }
        String gtx770 = "csv-noheader-GTX770-windows-NotSupported-many-fields-megaminer-issue235.csv";
        GpuSample gpu = NvidiaSmiParser.parseGpuCsv(read(gtx770), queryFields(commands().get(gtx770))).get(0);
        assertEquals(new GpuSample(0, "GeForce GTX 770", null, null, null, null, null, 52.0, null, null), gpu);
    }

    // ---- Tether's own query (noheader, nounits) ----

    @Test
    void tethersOwnQueryWithOddSpacingAndMissingValues() {
        String out = "0, NVIDIA H100 80GB HBM3, GPU-aaaa, 100, 11, 19818, 81559, 59, 631.95, 700.00\n"
                + "1,NVIDIA H100 80GB HBM3,GPU-bbbb,[N/A],[N/A],11125,81559,53,[N/A],[Not Supported]\n"
                + "  2 ,  Tesla T4 ,  GPU-cccc , N/A , 0 , 0 , 15360 , 38 , 9.87 , 70.00   \r\n";
        GpuReading reading = NvidiaSmiParser.readGpus(0, out);
        assertEquals(GpuAvailability.AVAILABLE, reading.availability());
        assertEquals(List.of(
                new GpuSample(0, "NVIDIA H100 80GB HBM3", "GPU-aaaa", 100.0, 11.0, 19818L, 81559L, 59.0, 631.95, 700.0),
                new GpuSample(1, "NVIDIA H100 80GB HBM3", "GPU-bbbb", null, null, 11125L, 81559L, 53.0, null, null),
                new GpuSample(2, "Tesla T4", "GPU-cccc", null, 0.0, 0L, 15360L, 38.0, 9.87, 70.0)), reading.gpus());
    }

    @Test
    void theSameQueryWithHeaderAndUnitsGivesTheSameGpus() {
        String plain = "0, NVIDIA L4, GPU-dddd, 37, 12, 2200, 23034, 61, 44.12, 72.00\n";
        String withHeader = "index, name, uuid, utilization.gpu [%], utilization.memory [%], memory.used [MiB], "
                + "memory.total [MiB], temperature.gpu, power.draw [W], power.limit [W]\n"
                + "0, NVIDIA L4, GPU-dddd, 37 %, 12 %, 2200 MiB, 23034 MiB, 61, 44.12 W, 72.00 W\n";
        assertEquals(NvidiaSmiParser.readGpus(0, plain), NvidiaSmiParser.readGpus(0, withHeader));
        assertEquals(44.12, NvidiaSmiParser.readGpus(0, withHeader).gpus().get(0).powerW());
    }

    @Test
    void aCommaInsideTheNameStaysInTheName() {
        String out = "0, Weird, Inc. Accelerator, GPU-eeee, 5, 1, 100, 1000, 40, 50.5, 100\n";
        GpuSample gpu = NvidiaSmiParser.readGpus(0, out).gpus().get(0);
        assertEquals("Weird, Inc. Accelerator", gpu.name());
        assertEquals("GPU-eeee", gpu.uuid());
        assertEquals(1000L, gpu.memoryTotalMiB());
    }

    @Test
    void strayLinesBetweenRowsAreSkipped() {
        String out = "WARNING: infoROM is corrupted at gpu 0000:01:00.0\n"
                + "0, NVIDIA A10G, GPU-ffff, 3, 0, 500, 23028, 30, 20.1, 300.0\n";
        GpuReading reading = NvidiaSmiParser.readGpus(0, out);
        assertEquals(GpuAvailability.AVAILABLE, reading.availability());
        assertEquals(1, reading.gpus().size());
    }

    @Test
    void emptyOutputIsNoGpusAndUnreadableOutputIsAnError() {
        assertEquals(new GpuReading(GpuAvailability.AVAILABLE, null, List.of()), NvidiaSmiParser.readGpus(0, ""));
        GpuReading garbage = NvidiaSmiParser.readGpus(0, "Segmentation fault\n");
        assertEquals(GpuAvailability.ERROR, garbage.availability());
        assertEquals("Segmentation fault", garbage.detail());
    }

    // ---- compute apps ----

    @Test
    void computeAppsOnH100() {
        List<GpuProcess> processes = NvidiaSmiParser.parseComputeApps(read("compute-apps-1xH100-load-3procs-drv590-nvidia_gpu_exporter.csv"));
        assertEquals(List.of(
                new GpuProcess(MASKED_UUID, 11327, "/root/tools/memhog", 2566L),
                new GpuProcess(MASKED_UUID, 11328, "/root/tools/memhog", 1542L),
                new GpuProcess(MASKED_UUID, 11345, "./gpu_burn", 15690L)), processes);
    }

    @Test
    void computeAppsOnWindowsHaveNoMemoryAndPathsWithSpaces() {
        List<GpuProcess> processes = NvidiaSmiParser.parseComputeApps(
                read("compute-apps-windows-RTX2080SUPER-used-memory-NA-drv591-nvidia_gpu_exporter.csv"));
        assertEquals(12, processes.size());
        assertTrue(processes.stream().allMatch(p -> p.usedMemoryMiB() == null));
        assertEquals(new GpuProcess(MASKED_UUID, 20372, "C:\\Program Files\\NZXT CAM\\NZXT CAM.exe", null), processes.get(4));
    }

    @Test
    void computeAppsHeaderOnlyMeansNoProcesses() {
        assertEquals(List.of(), NvidiaSmiParser.readComputeApps(0,
                read("compute-apps-empty-header-only-1xH100-idle-drv590-nvidia_gpu_exporter.csv")));
        assertEquals(List.of(), NvidiaSmiParser.readComputeApps(0, ""));
    }

    @Test
    void tethersOwnComputeAppsQuery() {
        String out = "GPU-aaaa, 4242, python train.py, 10240\nGPU-bbbb, 77, /opt/app, with comma/bin/x, [N/A]\n";
        assertEquals(List.of(new GpuProcess("GPU-aaaa", 4242, "python train.py", 10240L),
                new GpuProcess("GPU-bbbb", 77, "/opt/app, with comma/bin/x", null)),
                NvidiaSmiParser.readComputeApps(0, out));
    }

    // ---- tables and -L ----

    @Test
    void migTableGpuRow() {
        GpuSample gpu = NvidiaSmiParser.readGpus(0, read("table-1xH100-MIG-4instances-load-3procs-drv590-nvidia_gpu_exporter.txt")).gpus().get(0);
        assertEquals(new GpuSample(0, "NVIDIA H100 80GB HBM3", null, null, null, 11125L, 81559L, 52.0, 432.0, 700.0), gpu);
    }

    @Test
    void oldEightGpuTable() {
        List<GpuSample> gpus = NvidiaSmiParser.parseTable(read("table-8xGTX1080Ti-drv390-13procs-old-format-nvidia-htop.txt"));
        assertEquals(new GpuSample(3, "GeForce GTX 108...", null, 100.0, null, 7996L, 11178L, 82.0, 217.0, 250.0), gpus.get(3));
        assertEquals(List.of(98.0, 100.0, 61.0, 100.0, 56.0, 100.0, 23.0, 47.0),
                gpus.stream().map(GpuSample::utilizationPercent).toList());
    }

    @Test
    void tablesFromDriver346ToWindows() {
        assertEquals(new GpuSample(0, "GRID K520", null, 0.0, null, 10L, 4095L, 37.0, 35.0, 125.0),
                NvidiaSmiParser.parseTable(read("table-1xGRID-K520-drv346-no-running-processes-old-format-nvidia-htop.txt")).get(0));
        assertEquals(new GpuSample(0, "NVIDIA GeForce RTX 2080 ...", null, 7.0, null, 1296L, 8192L, 45.0, 97.0, 250.0),
                NvidiaSmiParser.parseTable(read("table-1xRTX2080SUPER-windows-wddm-load-drv591-nvidia_gpu_exporter.txt")).get(0));
        List<GpuSample> a40 = NvidiaSmiParser.parseTable(read("table-10xA40-drv550-no-processes-thamada-gls.txt"));
        assertEquals(10, a40.size());
        assertTrue(a40.stream().allMatch(g -> "NVIDIA A40".equals(g.name())), a40.toString());
    }

    @Test
    void listShowsGpusButNotMigDevices() {
        List<GpuSample> gpus = NvidiaSmiParser.parseList(read("list-L-8xH100-MIG-7x1g.10gb-each-nvidia_gpu_exporter.txt"));
        assertEquals(8, gpus.size());
        assertEquals("NVIDIA H100 80GB HBM3", gpus.get(0).name());
        assertEquals("GPU-63d1e50a-b952-d15c-0740-12bc14859142", gpus.get(0).uuid());
    }

    // ---- failures ----

    @Test
    void missingNvidiaSmiInAnyShell() {
        for (String text : List.of("sh: 1: nvidia-smi: not found", "bash: line 1: nvidia-smi: command not found",
                "zsh:1: command not found: nvidia-smi", "")) {
            assertEquals(GpuAvailability.NO_NVIDIA_SMI, NvidiaSmiParser.readGpus(127, text).availability(), text);
        }
    }

    @Test
    void driverFailuresByExitStatusAlone() {
        assertEquals(GpuAvailability.NO_DRIVER, NvidiaSmiParser.readGpus(9, "").availability());
        assertEquals(GpuAvailability.NO_DRIVER, NvidiaSmiParser.readGpus(12, "").availability());
        assertEquals(GpuAvailability.ERROR, NvidiaSmiParser.readGpus(NvidiaSmiParser.TIMED_OUT, "").availability());
        assertEquals(GpuAvailability.ERROR, NvidiaSmiParser.readGpus(15, "Unable to determine the device handle for GPU0000:01:00.0: Unknown Error").availability());
    }

    @Test
    void driverFailureTextKeepsItsFirstLine() {
        GpuReading reading = NvidiaSmiParser.readGpus(9, read("error-driver-communication-failed-shine-cluster-issue50.txt"));
        assertEquals(GpuAvailability.NO_DRIVER, reading.availability());
        assertTrue(reading.detail().startsWith("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."));
        assertEquals("Failed to initialize NVML: Driver/library version mismatch",
                NvidiaSmiParser.readGpus(18, read("error-nvml-driver-library-mismatch-with-nvml-version-tinygrad-issue47.txt")).detail());
    }

    private static int expectedGpuCount(String name) {
        Matcher m = Pattern.compile("-(\\d+)(?:x|GPU)").matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** Exit statuses nvidia-smi (and the shell) document for these failures. */
    private static int exitStatusOf(String name) {
        if (name.contains("command-not-found")) {
            return 127;
        }
        if (name.contains("no-devices")) {
            return 6;
        }
        if (name.contains("mismatch")) {
            return 18;
        }
        return 9;
    }

    private static void assertIndexesAreZeroToN(List<GpuSample> gpus) {
        assertEquals(IntStream.range(0, gpus.size()).boxed().toList(), gpus.stream().map(GpuSample::index).toList());
        gpus.forEach(g -> assertTrue(g.uuid() == null || g.uuid().startsWith("GPU-"), g.uuid()));
    }
}
