package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tether status} against a real OpenSSH sshd. sshd's {@code SetEnv PATH=...} puts a directory first on
 * the PATH of every session, and each test puts there a fake {@code nvidia-smi} that prints a real capture
 * (or none at all).
 */
@ExtendWith(EnglishMessages.class)
@Tag("interop")
class StatusCommandInteropTest {
    @TempDir
    static Path dir;

    static Path bin;
    static SshTestbed testbed;

    private CliRunner cli;

    @BeforeAll
    static void start() throws Exception {
        bin = Files.createDirectories(dir.resolve("remote-bin"));
        testbed = SshTestbed.start(dir, "SetEnv PATH=" + bin + ":/usr/local/bin:/usr/bin:/bin");
        new InventoryStore(testbed.environment().inventoryFile()).update(inv -> inv.add(testbed.target("gpu")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    @BeforeEach
    void freshRunnerAndNoNvidiaSmi() throws IOException {
        cli = CliRunner.withTestSessions(testbed.environment());
        Files.deleteIfExists(bin.resolve("nvidia-smi"));
        // what an earlier test's nvidia-smi was asked (a failed GPU query is not followed by the process query)
        Files.deleteIfExists(bin.resolve("calls.log"));
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private JsonNode json() throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(cli.out());
    }

    /** A fake nvidia-smi answering the GPU and compute-apps queries with real captures. */
    private static void fakeNvidiaSmi(String gpuFixture, String appsFixture, int exitCode) throws IOException {
        Files.writeString(bin.resolve("gpus.out"), fixture(gpuFixture));
        Files.writeString(bin.resolve("apps.out"), fixture(appsFixture));
        Path script = bin.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\nd=$(dirname \"$0\")\necho \"$*\" >> \"$d/calls.log\"\ncase \"$*\" in\n"
                + "  *--query-compute-apps=*) cat \"$d/apps.out\" ;;\n"
                + "  *) cat \"$d/gpus.out\" ;;\nesac\nexit " + exitCode + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String fixture(String name) throws IOException {
        try (var in = StatusCommandInteropTest.class.getResourceAsStream("/fixtures/nvidia-smi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String local(String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return text;
    }

    @Test
    void jsonHasTheHostFactsAndTheGpusOfTheCapture() throws Exception {
        fakeNvidiaSmi("csv-1xH100-80GB-HBM3-load-drv590-allfields-nvidia_gpu_exporter.csv",
                "compute-apps-1xH100-load-3procs-drv590-nvidia_gpu_exporter.csv", 0);
        assertEquals(0, run("status", "gpu", "--json"), cli.err());
        JsonNode status = json();
        assertTrue(status.get("online").asBoolean(), cli.out());
        assertEquals("ONLINE", status.get("reachability").asText());
        // sshd runs on this machine, so the server's facts are this machine's
        assertEquals(local("uname", "-n"), status.get("hostname").asText());
        JsonNode host = status.get("host");
        assertEquals(Integer.parseInt(local("getconf", "_NPROCESSORS_ONLN")), host.get("cpuCount").asInt());
        assertTrue(host.get("memoryTotalMiB").asLong() > 0, host.toString());
        assertTrue(host.get("uptimeSeconds").asLong() > 0, host.toString());
        assertTrue(host.get("homeFreeMiB").asLong() >= 0, host.toString());
        assertTrue(host.get("os").asText().contains("Linux"), host.toString());
        assertEquals("AVAILABLE", status.get("gpuAvailability").asText());
        JsonNode gpu = status.get("gpus").get(0);
        assertEquals(1, status.get("gpus").size());
        assertEquals(0, gpu.get("index").asInt());
        assertEquals("NVIDIA H100 80GB HBM3", gpu.get("name").asText());
        assertEquals(100.0, gpu.get("utilizationPercent").asDouble());
        assertEquals(19818, gpu.get("memoryUsedMiB").asLong());
        assertEquals(81559, gpu.get("memoryTotalMiB").asLong());
        assertEquals(59.0, gpu.get("temperatureC").asDouble());
        assertEquals(631.95, gpu.get("powerW").asDouble());
        assertEquals(3, status.get("processes").size());
        assertEquals("./gpu_burn", status.get("processes").get(2).get("processName").asText());
        assertEquals(15690, status.get("processes").get(2).get("usedMemoryMiB").asLong());
        // the exact queries Tether sent, as the remote nvidia-smi received them, and nothing more
        assertEquals(List.of(
                        "--query-gpu=index,name,uuid,utilization.gpu,utilization.memory,memory.used,memory.total,"
                                + "temperature.gpu,power.draw,power.limit --format=csv,noheader,nounits",
                        "--query-compute-apps=gpu_uuid,pid,process_name,used_memory --format=csv,noheader,nounits"),
                Files.readAllLines(bin.resolve("calls.log")));
    }

    @Test
    void humanOutputNamesTheGpuAndItsNumbers() throws Exception {
        fakeNvidiaSmi("csv-1xH100-MIG-enabled-load-drv590-allfields-nvidia_gpu_exporter.csv",
                "compute-apps-1xH100-MIG-load-3procs-drv590-nvidia_gpu_exporter.csv", 0);
        assertEquals(0, run("status", "gpu"), cli.err());
        String text = cli.out();
        assertTrue(text.startsWith("gpu: online, host " + local("uname", "-n")), text);
        assertTrue(text.contains("GPU 0: NVIDIA H100 80GB HBM3; utilization n/a; memory 11125 MiB of 81559 MiB; temperature 53 °C; power 434 / 700 W"),
                text);
        assertTrue(text.contains("GPU 0: pid 21198 ./gpu_burn (7484 MiB)"), text);
        assertEquals("", cli.err());
    }

    @Test
    void withoutNvidiaSmiTheServerIsStillOnline() throws Exception {
        assertEquals(0, run("status", "gpu", "--json"), cli.err());
        JsonNode status = json();
        assertTrue(status.get("online").asBoolean());
        assertEquals("NO_NVIDIA_SMI", status.get("gpuAvailability").asText());
        assertEquals(0, status.get("gpus").size());
        assertTrue(status.get("host").get("memoryTotalMiB").asLong() > 0);
    }

    @Test
    void aDriverThatCannotBeReachedIsNoDriver() throws Exception {
        fakeNvidiaSmi("error-driver-communication-failed-shine-cluster-issue50.txt",
                "error-driver-communication-failed-shine-cluster-issue50.txt", 9);
        assertEquals(0, run("status", "gpu", "--json"), cli.err());
        JsonNode status = json();
        assertTrue(status.get("online").asBoolean());
        assertEquals("NO_DRIVER", status.get("gpuAvailability").asText());
        assertTrue(status.get("gpuError").asText().contains("couldn't communicate with the NVIDIA driver"), cli.out());
        assertEquals(0, run("status", "gpu"));
        assertTrue(cli.out().contains("GPUs: The NVIDIA driver is not usable"), cli.out());
    }

    @Test
    void anOfflineServerExitsThreeWithJsonAndOneLine() throws Exception {
        int closedPort = OpenSshServer.freePort();
        new InventoryStore(testbed.environment().inventoryFile()).update(inv -> inv.find("down").isPresent() ? inv
                : inv.add(SshServer.ofHost("down", "127.0.0.1", OpenSshServer.user(), closedPort, testbed.key().toString(), null)));
        assertEquals(3, run("status", "down", "--json"));
        JsonNode status = json();
        assertFalse(status.get("online").asBoolean());
        assertEquals("OFFLINE", status.get("reachability").asText());
        assertTrue(status.get("host").isNull());
        assertEquals(0, status.get("gpus").size());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.err().contains("refused"), cli.err());
        assertEquals(3, run("status", "down"));
        assertEquals("", cli.out());
    }

    @Test
    void unknownAndChangedHostKeysExitFourAndLeaveKnownHostsAlone() throws Exception {
        Path knownHosts = testbed.environment().knownHosts();
        String original = Files.readString(knownHosts);
        try {
            Files.writeString(knownHosts, "");
            assertEquals(4, run("status", "gpu", "--json"));
            assertEquals("HOST_KEY_UNKNOWN", json().get("reachability").asText());
            assertEquals("", Files.readString(knownHosts));

            // every key of the server replaced by another of the same type: a changed key
            StringBuilder changed = new StringBuilder();
            List<String> types = List.of("ed25519", "ecdsa", "rsa");
            List<String> lines = testbed.server().knownHostsLines();
            for (int i = 0; i < lines.size(); i++) {
                Path other = OpenSshServer.generateKey(dir.resolve("other"), types.get(i), "");
                String[] pub = Files.readString(Path.of(other + ".pub")).split(" ");
                changed.append(lines.get(i).split(" ")[0]).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
            }
            Files.writeString(knownHosts, changed.toString());
            assertEquals(4, run("status", "gpu", "--json"));
            assertEquals("HOST_KEY_CHANGED", json().get("reachability").asText());
            assertTrue(cli.err().contains("CHANGED"), cli.err());
            assertEquals(changed.toString(), Files.readString(knownHosts));
        } finally {
            Files.writeString(knownHosts, original);
        }
    }

    @Test
    void statusJsonNamesKindAndStateAndListShowsTheStateItSaw() throws Exception {
        fakeNvidiaSmi("csv-1xH100-80GB-HBM3-load-drv590-allfields-nvidia_gpu_exporter.csv",
                "compute-apps-1xH100-load-3procs-drv590-nvidia_gpu_exporter.csv", 0);
        assertEquals(0, run("status", "gpu", "--json"), cli.err());
        JsonNode status = json();
        assertEquals("ssh", status.get("kind").asText());
        assertEquals("online", status.get("state").asText());
        assertTrue(status.get("stage").isNull());
        assertEquals("NVIDIA H100 80GB HBM3", status.get("hardware").asText());
        assertTrue(status.has("pricePerHour") && status.get("pricePerHour").isNull(), cli.out());

        // Issue 9: list showed "unknown" right after status said online.
        assertEquals(0, run("list", "--json"));
        JsonNode row = null;
        for (JsonNode item : json()) {
            if (item.get("name").asText().equals("gpu")) {
                row = item;
            }
        }
        assertEquals("online", row.get("state").asText(), cli.out());
        assertEquals("NVIDIA H100 80GB HBM3", row.get("hardware").asText());
        assertTrue(java.time.Instant.parse(row.get("observedAt").asText())
                .isAfter(java.time.Instant.now().minusSeconds(60)), cli.out());
        assertEquals(0, run("list"));
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("gpu ") && l.contains("online (")
                && l.contains(" s ago)")), cli.out());
    }

    @Test
    void tetherDoesNotStartOrStopAnSshServerAndSaysSo() {
        for (String action : List.of("start", "stop", "pause", "restart")) {
            assertEquals(2, run(action, "gpu", "--wait"), action);
            assertEquals(1, cli.err().lines().count(), cli.err());
            assertTrue(cli.err().startsWith("tether: \"gpu\" is an SSH server: Tether does not start or stop it"),
                    cli.err());
        }
    }
}
