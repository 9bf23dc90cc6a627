package app.tether.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.testing.EnglishMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The probe script run by the real local /bin/sh (dash), with fake nvidia-smi programs on its PATH. */
@ExtendWith(EnglishMessages.class)
class ProbeScriptTest {
    private static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theScriptIsConstantAndSentAsArgv() {
        assertEquals(List.of("sh", "-c", ProbeScript.SCRIPT), ProbeScript.argv());
        assertTrue(ProbeScript.SCRIPT.contains(String.join(" ", NvidiaSmiParser.GPU_QUERY)));
        assertTrue(ProbeScript.SCRIPT.contains(String.join(" ", NvidiaSmiParser.APPS_QUERY)));
    }

    @Test
    void hostFactsFromThisMachineWithoutNvidiaSmi() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("empty-bin"));
        ServerStatus status = runLocally(bin);
        HostFacts host = status.host();
        assertEquals(Reachability.ONLINE, status.reachability());
        assertEquals(GpuAvailability.NO_NVIDIA_SMI, status.gpuAvailability());
        assertTrue(status.gpuError().contains("nvidia-smi"), status.gpuError());
        assertEquals(List.of(), status.gpus());
        assertEquals(run("uname", "-n"), host.hostname());
        assertEquals(prettyName(), host.os());
        assertTrue(host.uptimeSeconds() > 0, host.toString());
        assertTrue(host.load1() >= 0 && host.load5() >= 0 && host.load15() >= 0, host.toString());
        assertEquals(Integer.parseInt(run("getconf", "_NPROCESSORS_ONLN")), host.cpuCount());
        assertTrue(host.memoryTotalMiB() > 0, host.toString());
        assertTrue(host.memoryAvailableMiB() > 0 && host.memoryAvailableMiB() <= host.memoryTotalMiB(), host.toString());
        assertTrue(host.homeFreeMiB() >= 0, host.toString());
    }

    @Test
    void gpusAndProcessesFromAFakeNvidiaSmiPrintingRealCaptures() throws Exception {
        Path bin = fakeNvidiaSmi("csv-1xH100-80GB-HBM3-load-drv590-allfields-nvidia_gpu_exporter.csv",
                "compute-apps-1xH100-load-3procs-drv590-nvidia_gpu_exporter.csv", 0);
        ServerStatus status = runLocally(bin);
        assertEquals(GpuAvailability.AVAILABLE, status.gpuAvailability());
        assertNull(status.gpuError());
        assertEquals(List.of(new GpuSample(0, "NVIDIA H100 80GB HBM3", "GPU-00000000-0000-0000-0000-000000000000",
                100.0, 11.0, 19818L, 81559L, 59.0, 631.95, 700.0)), status.gpus());
        assertEquals(List.of(11327L, 11328L, 11345L), status.processes().stream().map(GpuProcess::pid).toList());
    }

    @Test
    void outputWithoutAFinalNewlineStillEndsItsSection() throws Exception {
        Path bin = fakeNvidiaSmi("csv-nounits-1xTeslaP100-PCIE-16GB-netdata.csv",
                "compute-apps-empty-header-only-1xH100-idle-drv590-nvidia_gpu_exporter.csv", 0);
        ServerStatus status = runLocally(bin);
        assertEquals(GpuAvailability.AVAILABLE, status.gpuAvailability());
        assertEquals("Tesla P100-PCIE-16GB", status.gpus().get(0).name());
        assertEquals(28.16, status.gpus().get(0).powerW());
        assertEquals(List.of(), status.processes());
    }

    @Test
    void aBrokenDriverIsAStateWithItsMessage() throws Exception {
        Path bin = fakeNvidiaSmi("error-driver-communication-failed-shine-cluster-issue50.txt",
                "error-driver-communication-failed-shine-cluster-issue50.txt", 9);
        ServerStatus status = runLocally(bin);
        assertEquals(Reachability.ONLINE, status.reachability());
        assertEquals(GpuAvailability.NO_DRIVER, status.gpuAvailability());
        assertTrue(status.gpuError().contains("couldn't communicate with the NVIDIA driver"), status.gpuError());
        assertTrue(status.host().memoryTotalMiB() > 0);
    }

    @Test
    void aFailedGpuQueryIsNotFollowedByTheProcessQuery() throws Exception {
        // A wedged driver makes each nvidia-smi run wait for its timeout: the probe waits once, not twice.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls");
        script(bin.resolve("nvidia-smi"), "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
                + "echo 'NVIDIA-SMI has failed because it couldn'\\''t communicate with the NVIDIA driver.'\nexit 9\n");
        ServerStatus status = runLocally(bin);
        assertEquals(GpuAvailability.NO_DRIVER, status.gpuAvailability());
        assertEquals(1, Files.readAllLines(calls).size(), Files.readString(calls));
    }

    @Test
    void noDevicesFound() throws Exception {
        Path bin = fakeNvidiaSmi("error-no-devices-were-found-open-gpu-kernel-modules-issue862.txt",
                "error-no-devices-were-found-open-gpu-kernel-modules-issue862.txt", 6);
        ServerStatus status = runLocally(bin);
        assertEquals(GpuAvailability.NO_DRIVER, status.gpuAvailability());
        assertTrue(status.gpuError().contains("No devices were found"), status.gpuError());
    }

    @Test
    void otherFailuresAreErrorsWithExitStatus() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("nvidia-smi"), "#!/bin/sh\necho 'Unable to determine the device handle for GPU0000:01:00.0: Unknown Error' >&2\nexit 15\n");
        ServerStatus status = runLocally(bin);
        assertEquals(GpuAvailability.ERROR, status.gpuAvailability());
        assertEquals("nvidia-smi failed (exit status 15): Unable to determine the device handle for GPU0000:01:00.0: Unknown Error",
                status.gpuError());
    }

    @Test
    void theQuotedCommandLineWorksThroughEveryLoginShellHere() throws Exception {
        // sshd hands the command line to the user's login shell with -c: that shell unquotes it first. bash and
        // dash are always here; csh, tcsh, zsh and fish where they are installed.
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> shells = new java.util.ArrayList<>(List.of("/bin/bash", "/bin/dash"));
        java.util.stream.Stream.of("/bin/csh", "/bin/tcsh", "/bin/zsh", "/usr/bin/fish")
                .filter(s -> Files.isExecutable(Path.of(s))).forEach(shells::add);
        for (String shell : shells) {
            ProcessBuilder builder = new ProcessBuilder(shell, "-c", app.tether.ssh.RemoteShell.quote(ProbeScript.argv()));
            builder.environment().put("PATH", Files.createDirectories(dir.resolve("nothing")) + ":/usr/bin:/bin");
            builder.environment().put("HOME", home.toString());
            Process process = builder.start();
            String out = readAll(process.getInputStream());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            ServerStatus status = ProbeScript.read("t", AT, out, readAll(process.getErrorStream()));
            assertEquals(run("uname", "-n"), status.host().hostname(), shell);
            assertEquals(GpuAvailability.NO_NVIDIA_SMI, status.gpuAvailability(), shell);
            assertTrue(status.host().homeFreeMiB() >= 0, shell);
            assertEquals(Integer.parseInt(run("getconf", "_NPROCESSORS_ONLN")), status.host().cpuCount(), shell);
            assertTrue(status.host().memoryAvailableMiB() > 0, shell);
        }
    }

    // ---- reading output that did not come from a clean run ----

    @Test
    void loginNoiseBeforeTheScriptIsIgnored() {
        String out = "Welcome to Ubuntu!\nhostname fake\n" + ProbeScript.BEGIN + "\nhostname gpu-box\ncpus 8\n"
                + ProbeScript.NO_NVIDIA_SMI + "\n" + ProbeScript.END + "\n";
        ServerStatus status = ProbeScript.read("t", AT, out, "");
        assertEquals("gpu-box", status.host().hostname());
        assertEquals(8, status.host().cpuCount());
        assertEquals(-1, status.host().memoryTotalMiB());
    }

    @Test
    void aShellThatCannotRunTheScriptIsAGpuErrorNotACrash() {
        ServerStatus status = ProbeScript.read("t", AT, "", "This account is currently not available.\n");
        assertEquals(Reachability.ONLINE, status.reachability());
        assertEquals(GpuAvailability.ERROR, status.gpuAvailability());
        assertTrue(status.gpuError().contains("This account is currently not available."), status.gpuError());
        assertNull(status.host().hostname());
    }

    @Test
    void outputCutShortInsideTheGpuSectionIsAnError() {
        String out = ProbeScript.BEGIN + "\nhostname a\n" + ProbeScript.GPUS + "\n0, NVIDIA A100, GPU-1, 5";
        ServerStatus status = ProbeScript.read("t", AT, out, "");
        assertEquals(GpuAvailability.ERROR, status.gpuAvailability());
        assertEquals(List.of(), status.gpus());
    }

    private Path fakeNvidiaSmi(String gpuFixture, String appsFixture, int exitCode) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("gpus.out"), NvidiaSmiFixtures.read(gpuFixture));
        Files.writeString(bin.resolve("apps.out"), NvidiaSmiFixtures.read(appsFixture));
        script(bin.resolve("nvidia-smi"), "#!/bin/sh\nd=$(dirname \"$0\")\ncase \"$*\" in\n"
                + "  *--query-compute-apps=*) cat \"$d/apps.out\" ;;\n"
                + "  *) cat \"$d/gpus.out\" ;;\nesac\nexit " + exitCode + "\n");
        return bin;
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the script as a server's shell would, with {@code bin} first on PATH and a HOME whose name has a space. */
    private ServerStatus runLocally(Path bin) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home dir"));
        ProcessBuilder builder = new ProcessBuilder(ProbeScript.argv());
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String out = readAll(process.getInputStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err.get());
        return ProbeScript.read("local", AT, out, err.get());
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String out = readAll(p.getInputStream()).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static String prettyName() throws IOException {
        return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst().orElse(null);
    }
}
