package app.tether.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.testing.EchoService;
import app.tether.testing.InstanceProcesses;
import app.tether.testing.SshTestbed;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-user instance with real processes: an instance JVM ({@code tether instance run}), client JVMs
 * ({@code tether ...} with TETHER_INSTANCE), a real sshd. Every process is killed when a test ends.
 */
// A separate thread: a test blocked reading a client's pipe still ends at the timeout, and @AfterEach kills it.
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InstanceProcessTest {
    private static final Pattern READY = Pattern.compile("127\\.0\\.0\\.1:(\\d+) -> ");

    @TempDir
    Path dir;

    private SshTestbed testbed;
    private InstanceProcesses processes;

    @BeforeEach
    void start() throws Exception {
        testbed = SshTestbed.start(dir);
        new InventoryStore(testbed.environment().inventoryFile()).save(Inventory.empty().add(testbed.target("box")));
        processes = new InstanceProcesses(testbed.environment(), dir.resolve("logs"));
    }

    @AfterEach
    void stop() throws Exception {
        processes.close();
        testbed.close();
    }

    @Test
    void outputAndExitCodesAreTheSameWithAndWithoutTheInstance() throws Exception {
        processes.startInstance();
        List<List<String>> commands = List.of(
                List.of("list"),
                List.of("status", "box", "--json"),
                List.of("exec", "box", "--", "echo", "hello", "wörld"),
                List.of("exec", "box", "--", "sh", "-c", "echo out; echo err >&2; exit 7"),
                List.of("show", "nothere"),
                List.of("exec", "box"),
                List.of("tunnels", "close", "9"),
                List.of("--version"));
        for (List<String> command : commands) {
            String[] args = command.toArray(String[]::new);
            InstanceProcesses.Result alone = processes.run("off", args);
            InstanceProcesses.Result served = processes.run("required", args);
            assertEquals(alone.code(), served.code(), command + ": " + alone + " / " + served);
            if (command.get(0).equals("tunnels")) {
                // the one command whose answer depends on an instance: none in its own process
                assertTrue(alone.err().contains("No background Tether is running"), alone.err());
                assertTrue(served.err().contains("holds no tunnel of '9'"), served.err());
                continue;
            }
            assertEquals(numbersMasked(alone.out()), numbersMasked(served.out()), command.toString());
            assertEquals(alone.err(), served.err(), command.toString());
        }
    }

    /** A status probe's uptime and load change between two runs; everything else is the same text. */
    private static String numbersMasked(String text) {
        return text.replaceAll("\\d+(\\.\\d+)?", "N");
    }

    @Test
    void twoClientsAtOnceEachGetTheirOwnStreams() throws Exception {
        processes.startInstance();
        byte[] input = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        Process cat = processes.startClient("required", input, "exec", "box", "--", "cat");
        Process slow = processes.startClient("required", new byte[0], "exec", "box", "--", "sh", "-c",
                "sleep 1; echo slow; exit 3");
        InstanceProcesses.Result catResult = InstanceProcesses.finish(cat);
        InstanceProcesses.Result slowResult = InstanceProcesses.finish(slow);
        assertEquals(new InstanceProcesses.Result(0, "line one\nline two\n", ""), catResult);
        assertEquals(new InstanceProcesses.Result(3, "slow\n", ""), slowResult);
    }

    @Test
    void aKilledInstanceIsReportedAndItsTunnelComesBackOnTheSamePort() throws Exception {
        try (ServerSocket echo = EchoService.start()) {
            // Started on demand by the first client (TETHER_INSTANCE=auto); forward returns at once.
            InstanceProcesses.Result forward = processes.run("auto", "forward", "box",
                    "0:127.0.0.1:" + echo.getLocalPort());
            assertEquals(0, forward.code(), forward.toString());
            Matcher ready = READY.matcher(forward.out());
            assertTrue(ready.find(), forward.out());
            int port = Integer.parseInt(ready.group(1));
            assertEquals("ping", EchoService.through(port, "ping"));
            InstanceProcesses.Result listed = processes.run("required", "tunnels");
            assertTrue(listed.out().contains("127.0.0.1:" + port), listed.out());
            long pid = processes.ping().orElseThrow().pid();
            List<String> jvm = List.of(Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).split("\0"));
            assertTrue(jvm.contains("-XX:+UseSerialGC"), "the app image's collector: " + jvm);

            Process waiting = processes.startClient("required", new byte[0], "exec", "box", "--", "sh", "-c",
                    "echo started; sleep 30");
            byte[] started = waiting.getInputStream().readNBytes("started\n".length()); // it runs in the instance
            assertEquals("started\n", new String(started, StandardCharsets.UTF_8));
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());

            InstanceProcesses.Result lost = InstanceProcesses.finish(waiting);
            assertEquals(1, lost.code(), lost.toString());
            assertEquals(1, lost.err().lines().count(), lost.err());
            assertTrue(lost.err().contains("stopped while running this command"), lost.err());

            // The next client finds the stale socket, starts a new instance, which reopens the forward.
            InstanceProcesses.Result again = processes.run("auto", "tunnels", "--json");
            assertEquals(0, again.code(), again.toString());
            assertTrue(again.out().contains("\"localPort\":" + port), again.out());
            assertNotEquals(pid, processes.ping().orElseThrow().pid());
            assertEquals("pong", EchoService.through(port, "pong"));
        }
    }

    @Test
    void aStaleSocketIsIgnoredAndReplaced() throws Exception {
        InstanceEndpoint endpoint = processes.endpoint();
        endpoint.prepareFolder();
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(endpoint.socket())); // closed without removing the file
        }
        assertTrue(endpoint.stale());
        InstanceProcesses.Result alone = processes.run(null, "list");
        assertEquals(0, alone.code(), alone.toString());
        assertTrue(alone.out().contains("box"), alone.out());
        assertEquals("", alone.err());

        processes.startInstance();
        assertFalse(endpoint.stale());
        InstanceProcesses.Result served = processes.run("required", "tunnels");
        assertEquals(new InstanceProcesses.Result(0, "The background Tether holds no tunnels.\n", ""), served);
    }

    @Test
    void aSocketFolderOfAnotherUserIsRefusedInOneLine() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        InstanceEndpoint endpoint = processes.endpoint();
        endpoint.prepareFolder();
        UserPrincipal other = endpoint.folder().getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(foreignUser());
        Files.setOwner(endpoint.folder(), other);

        InstanceProcesses.Result client = processes.run("required", "list");
        assertEquals(1, client.code(), client.toString());
        assertEquals("", client.out());
        assertEquals(1, client.err().lines().count(), client.err());
        assertTrue(client.err().contains("is owned by " + other.getName() + ", not root"), client.err());

        InstanceProcesses.Result fallback = processes.run(null, "list");
        assertEquals(0, fallback.code(), fallback.toString());
        assertTrue(fallback.out().contains("box"), fallback.out());
        assertTrue(fallback.err().startsWith("tether: Not using the background Tether: "), fallback.err());

        InstanceProcesses.Result serve = processes.run(null, "instance", "run");
        assertEquals(1, serve.code(), serve.toString());
        assertEquals(1, serve.err().lines().count(), serve.err());
        assertTrue(serve.err().contains("is owned by " + other.getName()), serve.err());

        Files.setOwner(endpoint.folder(), Files.getOwner(dir));
        Files.setPosixFilePermissions(endpoint.folder(), PosixFilePermissions.fromString("rwxr-xr-x"));
        InstanceProcesses.Result open = processes.run("required", "list");
        assertEquals(1, open.code(), open.toString());
        assertTrue(open.err().contains("not a folder only its owner may use (mode rwxr-xr-x)"), open.err());
    }

    /** The CI's test user (see .ci/run), else nobody. */
    private static String foreignUser() {
        try {
            Process id = new ProcessBuilder("id", "-u", "tether-test").start();
            return id.waitFor() == 0 ? "tether-test" : "nobody";
        } catch (IOException | InterruptedException e) {
            return "nobody";
        }
    }
}
