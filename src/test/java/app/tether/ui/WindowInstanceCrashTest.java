package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.instance.HeldForwards;
import app.tether.instance.PromptRouter;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.EchoService;
import app.tether.testing.InstanceProcesses;
import app.tether.testing.Interop;
import app.tether.testing.SshTestbed;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TargetTunnels;
import app.tether.tunnel.TunnelService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's side of the instance killed with SIGKILL under a tunnel the window opened: the list of held tunnels
 * was written when the window opened it (not only on CLI requests), so the next instance serves that port again.
 * The window's side is {@link WindowSide}: the window's wiring of its instance (its SSH sessions, its tunnel
 * service, its held forwards, {@link WindowInstance}) without the JavaFX stage, in its own JVM so it can be killed.
 */
@Tag("interop")
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WindowInstanceCrashTest {
    @TempDir
    Path dir;

    private SshTestbed testbed;
    private InstanceProcesses processes;

    @BeforeEach
    void start() throws Exception {
        Interop.requireProgram("/usr/sbin/sshd");
        testbed = SshTestbed.start(dir.resolve("sshd"));
        new InventoryStore(testbed.environment().inventoryFile()).save(Inventory.empty().add(testbed.target("gpu1")));
        processes = new InstanceProcesses(testbed.environment(), dir.resolve("logs"));
    }

    @AfterEach
    void stop() throws Exception {
        if (processes != null) {
            processes.close();
        }
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void aTunnelTheWindowOpenedIsServedAgainAfterTheWindowWasKilled() throws Exception {
        try (ServerSocket jupyter = EchoService.start()) {
            Process window = processes.startMain(WindowSide.class.getName(), "gpu1",
                    String.valueOf(jupyter.getLocalPort()));
            BufferedReader said = new BufferedReader(new InputStreamReader(window.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = said.readLine();
            assertTrue(ready != null && ready.startsWith("ready "), "window side said " + ready);
            int port = Integer.parseInt(ready.substring("ready ".length()));
            assertEquals("ping", EchoService.through(port, "ping"));
            Path held = processes.endpoint().folder().resolve("held.properties");
            assertTrue(Files.readString(held).contains("jupyter|gpu1|" + port + "|127.0.0.1|" + jupyter.getLocalPort()),
                    Files.readString(held));
            long windowPid = processes.ping().orElseThrow().pid();
            assertEquals(window.pid(), windowPid, "the window's side serves the socket");

            window.destroyForcibly(); // SIGKILL: nothing is cleaned up
            assertTrue(window.waitFor(30, TimeUnit.SECONDS));

            InstanceProcesses.Result again = processes.run("auto", "tunnels", "--json");
            assertEquals(0, again.code(), again.toString());
            assertTrue(again.out().contains("\"localPort\":" + port), again.out());
            assertNotEquals(windowPid, processes.ping().orElseThrow().pid());
            assertEquals("pong", EchoService.through(port, "pong"));
        }
    }

    /** The window's side of the instance in a process of its own; prints "ready PORT" once its tunnel serves. */
    public static final class WindowSide {
        private WindowSide() {
        }

        public static void main(String[] args) throws Exception {
            Environment environment = Environment.fromSystem();
            // As LiveStatus and Workflows make them (questions refused: nobody is there to answer).
            PromptRouter prompts = new PromptRouter(SshPrompts.NONE);
            SshSessions sessions = new SshSessions(environment, HostKeyPolicy.ASK, prompts, Duration.ofSeconds(10),
                    null);
            TunnelService tunnels = new TunnelService(sessions, environment);
            HeldForwards held = new HeldForwards(sessions, PortMemory.in(environment));
            InventoryStore store = new InventoryStore(environment.inventoryFile());
            WindowInstance.start(environment, sessions, prompts, tunnels, held, new HttpForwards(environment),
                    WindowLifecycle.of(environment, sessions), store::load, () -> { }).orElseThrow();
            // What the window's Connect does once Jupyter runs: the target's tunnels to its Jupyter port.
            TargetTunnels open = tunnels.open((SshServer) store.load().require(args[0]), "127.0.0.1",
                    Integer.parseInt(args[1]));
            if (!open.jupyter().awaitConnected(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the tunnel did not connect: " + open.jupyter().status());
            }
            System.out.println("ready " + open.jupyter().localPort());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
