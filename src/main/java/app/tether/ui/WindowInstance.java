package app.tether.ui;

import app.tether.cli.InstanceRuns;
import app.tether.core.Environment;
import app.tether.core.TetherException;
import app.tether.instance.HeldForwards;
import app.tether.instance.InstanceControl;
import app.tether.instance.InstanceEndpoint;
import app.tether.instance.InstanceServer;
import app.tether.instance.InstanceServices;
import app.tether.instance.PromptRouter;
import app.tether.inventory.Inventory;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.TunnelService;
import app.tether.workflow.Lifecycle;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window is the per-user instance while it runs: it serves the socket with its own SSH sessions and tunnels
 * (so {@code tether open} answers with the window's tunnel), and a second launch of the app only brings this
 * window to the front.
 */
final class WindowInstance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WindowInstance.class);
    private static final long HANDOVER_WAIT_MS = 5_000;

    private final InstanceServer server;

    private WindowInstance(InstanceServer server) {
        this.server = server;
    }

    /**
     * Before the window opens: when a window already runs for this user it is brought to the front and this
     * launch ends (true). A headless instance is asked to stop, so that the window takes over its job.
     */
    static boolean showRunningWindow(Environment environment) {
        InstanceEndpoint endpoint = InstanceEndpoint.of(environment);
        if (endpoint.problem().isPresent()) {
            return false;
        }
        try {
            Optional<InstanceControl.Answer> shown = InstanceControl.send(endpoint, "show-window");
            if (shown.isEmpty()) {
                return false;
            }
            if (shown.get().code() == 0) {
                LOG.info("Brought the running window (pid {}) to the front", shown.get().pid());
                return true;
            }
            LOG.info("A headless instance (pid {}) runs: asking it to stop so the window takes over", shown.get().pid());
            InstanceControl.send(endpoint, "stop");
            long deadline = System.currentTimeMillis() + HANDOVER_WAIT_MS;
            while (System.currentTimeMillis() < deadline && !endpoint.stale()
                    && java.nio.file.Files.exists(endpoint.socket())) {
                Thread.sleep(50);
            }
        } catch (IOException e) {
            LOG.warn("Asking the running instance failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * Serves the socket with the window's sessions and tunnels (first reopening what a predecessor that died
     * held, targets read from {@code inventory}); empty when another instance took it first.
     */
    static Optional<WindowInstance> start(Environment environment, SshSessions sessions, PromptRouter prompts,
            TunnelService tunnels, HeldForwards forwards, HttpForwards httpForwards, Lifecycle lifecycle,
            Supplier<Inventory> inventory, Runnable showWindow) {
        InstanceServices services = new InstanceServices(environment, sessions, tunnels, httpForwards, forwards,
                prompts, lifecycle, showWindow);
        try {
            return Optional.of(new WindowInstance(InstanceServer.startRestoring(InstanceEndpoint.of(environment),
                    services, new InstanceRuns(services), inventory)));
        } catch (InstanceServer.AlreadyRunning running) {
            LOG.warn("Another instance serves {}: the window runs without serving the CLI", running.getMessage());
        } catch (TetherException e) {
            LOG.warn("The window does not serve the CLI: {}", e.getMessage());
        }
        return Optional.empty();
    }

    /** Stops serving; the window's tunnels are closed by their owner, and a clean quit has nothing to reopen. */
    @Override
    public void close() {
        server.close();
        server.forgetHeld();
    }
}
