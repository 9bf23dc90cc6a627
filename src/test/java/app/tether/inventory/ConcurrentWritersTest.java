package app.tether.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.settings.Preferences;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TunnelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several Tether processes changing the same files at once: every change survives (inventory entries, settings,
 * remembered tunnel ports). Real separate JVMs, because the lock that matters is the one between processes.
 */
class ConcurrentWritersTest {
    private static final int PROCESSES = 4;
    private static final int EACH = 10;

    @TempDir
    Path dir;

    /** One writer process: {@code EACH} inventory adds, settings changes and remembered ports, as fast as it can. */
    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        String prefix = args[1];
        for (int i = 0; i < EACH; i++) {
            String name = prefix + "-" + i;
            new InventoryStore(home.resolve("inventory.json"))
                    .update(inventory -> inventory.add(SshServer.ofHost(name, "10.0.0.1", null, null, null, null)));
            Preferences.open(home.resolve("settings.properties")).set("test." + name, "x");
            new PortMemory(home.resolve("tunnels.properties")).remember(spec(name), 20000 + i);
        }
    }

    private static TunnelSpec spec(String name) {
        return new TunnelSpec(name, 0, "127.0.0.1", 8888);
    }

    @Test
    void fourProcessesAddingAtOnceLoseNothing() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            processes.add(new ProcessBuilder(java, "-cp", classpath, "-Dtether.logDir=" + dir.resolve("logs"),
                    ConcurrentWritersTest.class.getName(), dir.toString(), "p" + p)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("p" + p + ".log").toFile()).start());
        }
        for (Process process : processes) {
            assertTrue(process.waitFor(600, TimeUnit.SECONDS), "writer did not finish within 10 minutes");
            assertEquals(0, process.exitValue(), () -> read(dir.resolve("p" + processes.indexOf(process) + ".log")));
        }
        List<String> expected = IntStream.range(0, PROCESSES).boxed()
                .flatMap(p -> IntStream.range(0, EACH).mapToObj(i -> "p" + p + "-" + i)).sorted().toList();
        List<String> names = new InventoryStore(dir.resolve("inventory.json")).load().targets().stream()
                .map(Target::name).sorted().toList();
        assertEquals(expected, names);
        Preferences settings = Preferences.open(dir.resolve("settings.properties"));
        PortMemory ports = new PortMemory(dir.resolve("tunnels.properties"));
        for (String name : expected) {
            assertEquals("x", settings.get("test." + name, null), name);
            assertTrue(ports.recall(spec(name)).isPresent(), name);
        }
    }

    @Test
    void separateStoresInOneProcessLoseNothingEither() throws Exception {
        Path file = dir.resolve("inventory.json");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < PROCESSES; t++) {
            String prefix = "t" + t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < EACH; i++) {
                    String name = prefix + "-" + i;
                    new InventoryStore(file).update(inv -> inv.add(SshServer.ofHost(name, "h", null, null, null, null)));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(PROCESSES * EACH, new InventoryStore(file).load().targets().size());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
