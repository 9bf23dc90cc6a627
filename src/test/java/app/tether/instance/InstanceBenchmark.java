package app.tether.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.probe.NvidiaSmiParser;
import app.tether.testing.InstanceProcesses;
import app.tether.testing.Interop;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-process wall times of CLI commands with the per-user instance running and without, against OpenSSH's
 * {@code ssh} (no ControlMaster) and {@code java -version}, on one sshd; medians of interleaved runs, printed as
 * the ratios of issue 14 ({@code ./mvnw -Pbench verify -Dtest=InstanceBenchmark}). Nothing is asserted but that
 * every command succeeds.
 */
@Tag("bench")
class InstanceBenchmark {
    private static final int RUNS = 9;

    @TempDir
    Path dir;

    @Test
    void cliWithAndWithoutTheInstanceAgainstSshAndJava() throws Exception {
        Interop.requireProgram("/usr/bin/ssh");
        Path bin = Files.createDirectories(dir.resolve("remote-bin"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\necho 'index, name, utilization.gpu [%]'\necho '0, NVIDIA H100 80GB HBM3, 3 %'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SshTestbed testbed = SshTestbed.start(dir, "SetEnv PATH=" + bin + ":/usr/bin:/bin");
                InstanceProcesses processes = new InstanceProcesses(testbed.environment(), dir.resolve("logs"))
                        .withApplicationClassPath()) {
            new InventoryStore(testbed.environment().inventoryFile()).save(Inventory.empty().add(testbed.target("box")));
            List<String> ssh = List.of("/usr/bin/ssh", "-F", "/dev/null", "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=yes", "-o", "ControlMaster=no",
                    "-o", "UserKnownHostsFile=" + testbed.home().resolve(".ssh/known_hosts"),
                    "-i", testbed.key().toString(), "-p", String.valueOf(testbed.server().port()),
                    OpenSshServer.user() + "@127.0.0.1");
            List<String> sshTrue = new ArrayList<>(ssh);
            sshTrue.add("true");
            List<String> sshSmi = new ArrayList<>(ssh);
            sshSmi.addAll(NvidiaSmiParser.GPU_QUERY);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

            processes.startInstance();
            Map<String, Callable<Integer>> measures = new LinkedHashMap<>();
            measures.put("ssh NAME true", () -> plain(sshTrue));
            measures.put("exec, instance", () -> processes.run("required", "exec", "box", "--", "true").code());
            measures.put("exec, no instance", () -> processes.run("off", "exec", "box", "--", "true").code());
            measures.put("java -version", () -> plain(List.of(java, "-version")));
            measures.put("--version, instance", () -> processes.run("required", "--version").code());
            measures.put("--version, no instance", () -> processes.run("off", "--version").code());
            measures.put("list, instance", () -> processes.run("required", "list").code());
            measures.put("list, no instance", () -> processes.run("off", "list").code());
            measures.put("ssh NAME nvidia-smi", () -> plain(sshSmi));
            measures.put("status --json, instance", () -> processes.run("required", "status", "box", "--json").code());
            measures.put("status --json, no instance", () -> processes.run("off", "status", "box", "--json").code());

            Map<String, List<Double>> times = new LinkedHashMap<>();
            measures.keySet().forEach(name -> times.put(name, new ArrayList<>()));
            for (int run = 0; run <= RUNS; run++) {
                for (Map.Entry<String, Callable<Integer>> measure : measures.entrySet()) {
                    long start = System.nanoTime();
                    assertEquals(0, measure.getValue().call(), measure.getKey());
                    if (run > 0) { // the first round warms the instance, the sshd and the page cache
                        times.get(measure.getKey()).add((System.nanoTime() - start) / 1e6);
                    }
                }
            }
            Map<String, Double> median = new LinkedHashMap<>();
            times.forEach((name, list) -> {
                Collections.sort(list);
                median.put(name, list.get(list.size() / 2));
            });
            System.out.printf("InstanceBenchmark (%d cores, median of %d whole-process runs, ms):%n",
                    Runtime.getRuntime().availableProcessors(), RUNS);
            median.forEach((name, ms) -> System.out.printf("  %-28s %8.0f%n", name, ms));
            ratio(median, "exec, instance", "ssh NAME true", 1.5);
            ratio(median, "exec, no instance", "ssh NAME true", 4.0);
            ratio(median, "--version, instance", "java -version", 2.5);
            ratio(median, "--version, no instance", "java -version", 2.5);
            ratio(median, "list, instance", "java -version", 2.5);
            ratio(median, "list, no instance", "java -version", 2.5);
            ratio(median, "status --json, instance", "ssh NAME nvidia-smi", 1.5);
            ratio(median, "status --json, no instance", "ssh NAME nvidia-smi", 4.0);
        }
    }

    private static void ratio(Map<String, Double> median, String measure, String against, double goal) {
        double ratio = median.get(measure) / median.get(against);
        System.out.printf("  %-28s / %-20s = %5.2fx (goal <= %.1fx)%n", measure, against, ratio, goal);
    }

    private static int plain(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor();
    }
}
