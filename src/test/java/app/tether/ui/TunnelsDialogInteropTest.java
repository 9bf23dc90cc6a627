package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.instance.HeldForwards;
import app.tether.instance.PromptRouter;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.InstanceProcesses;
import app.tether.testing.Interop;
import app.tether.testing.SshTestbed;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TargetTunnels;
import app.tether.tunnel.TunnelService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The "Open tunnels" list over real tunnels through OpenSSH: it is listed with its port, Close frees the port, and
 * the forwards the window's instance holds for CLI clients are listed and closed too, from either side.
 */
@Tag("interop")
@ExtendWith(ApplicationExtension.class)
class TunnelsDialogInteropTest {
    @TempDir
    Path dir;

    private SshTestbed testbed;
    private PromptRouter prompts;
    private SshSessions sessions;
    private TunnelService tunnels;
    private DialogService dialogs;
    private HeldForwards held;
    private HttpForwards httpForwards;
    private InstanceProcesses clients;

    @Start
    void start(Stage stage) throws Exception {
        Interop.requireProgram("/usr/sbin/sshd");
        testbed = SshTestbed.start(dir.resolve("sshd"));
        prompts = new PromptRouter(SshPrompts.NONE);
        sessions = new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, prompts,
                Duration.ofSeconds(10), null);
        tunnels = new TunnelService(sessions, testbed.environment());
        held = new HeldForwards(sessions, PortMemory.in(testbed.environment()));
        httpForwards = new HttpForwards(testbed.environment());
        clients = new InstanceProcesses(testbed.environment(), dir.resolve("logs"));
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
        dialogs = new DialogService(stage, new UiLanguage(Locale.ENGLISH), uri -> { });
    }

    @AfterEach
    void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (tunnels != null) {
            held.close();
            httpForwards.close();
            tunnels.close();
            sessions.close();
        }
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void listsAnOpenTunnelAndClosesIt(FxRobot robot) throws Exception {
        SshServer target = testbed.target("gpu1");
        TargetTunnels open = tunnels.open(target, "127.0.0.1", testbed.server().port());
        assertTrue(open.jupyter().awaitConnected(Duration.ofSeconds(20)));
        int port = open.jupyter().localPort();

        TunnelsViewModel model = new TunnelsViewModel(tunnels, held, new FxExecutors(
                BackgroundExecutors.pool("test-tunnels"), FxExecutors.FX));
        Platform.runLater(() -> dialogs.show(View.TUNNELS, model, "ui.tunnels.title"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".tunnel-line").tryQuery().isPresent());
        String line = robot.lookup(".tunnel-line").queryAs(Label.class).getText();
        assertTrue(line.startsWith("localhost:" + port + " \u2192 127.0.0.1:" + testbed.server().port()), line);
        // Read again (as every change does while followed): the target's Close button stays the same node, in the
        // window, so a click cannot fall between a press and a release on a button taken out.
        Button close = robot.lookup("#tunnel-close-gpu1").queryButton();
        Label shown = robot.lookup(".tunnel-line").queryAs(Label.class);
        AtomicInteger readAgain = new AtomicInteger();
        robot.interact(() -> model.rows().addListener((ListChangeListener<TunnelsViewModel.Row>) change ->
                readAgain.incrementAndGet()));
        model.refresh();
        model.refresh();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> readAgain.get() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(close, robot.lookup("#tunnel-close-gpu1").queryButton());
        assertSame(shown, robot.lookup(".tunnel-line").queryAs(Label.class));
        assertNotNull(close.getScene());
        // The dialog opened on "No tunnels" and grew with the list: its own Close button is still inside it.
        Button closeDialog = robot.lookup("#dialog-close").queryButton();
        double bottom = WaitForAsyncUtils.asyncFx(() -> closeDialog.localToScene(closeDialog.getBoundsInLocal()).getMaxY())
                .get(10, TimeUnit.SECONDS);
        assertTrue(bottom <= closeDialog.getScene().getHeight(), bottom + " > " + closeDialog.getScene().getHeight());

        robot.clickOn("#tunnel-close-gpu1");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#tunnels-none").tryQuery().isPresent());
        assertEquals(0, tunnels.openTunnels().size());
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }, "the local port is free again");
        robot.clickOn("#dialog-close");
    }

    /**
     * The window serving the CLI (its instance over its own tunnels, as DesktopApp starts it) and real client
     * processes: a {@code tether forward} sent to it shows in the open dialog next to the window's own tunnel,
     * {@code tether tunnels close PORT} takes it out of the dialog, and the dialog's Close ends what
     * {@code tether tunnels} lists.
     */
    @Test
    void listsTheForwardsItsInstanceHoldsForTheCliAndClosesFromEitherSide(FxRobot robot) throws Exception {
        Environment environment = testbed.environment().withVariable("TETHER_HOME",
                testbed.environment().home().toString());
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty().add(testbed.target("gpu1")));
        TunnelsViewModel.Following following = null;
        WindowInstance instance = WindowInstance.start(environment, sessions, prompts, tunnels, held, httpForwards,
                WindowLifecycle.of(environment, sessions),
                () -> new InventoryStore(environment.inventoryFile()).load(), null).orElseThrow();
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int sshd = testbed.server().port();
            String remote = "127.0.0.1:" + service.getLocalPort(); // another end than the window's tunnel
            TargetTunnels window = tunnels.open(testbed.target("gpu1"), "127.0.0.1", sshd);
            assertTrue(window.jupyter().awaitConnected(Duration.ofSeconds(20)));
            TunnelsViewModel model = new TunnelsViewModel(tunnels, held, new FxExecutors(
                    BackgroundExecutors.pool("test-tunnels"), FxExecutors.FX));
            following = model.follow();
            Platform.runLater(() -> dialogs.show(View.TUNNELS, model, "ui.tunnels.title"));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lines(robot).size() == 1);

            InstanceProcesses.Result forward = clients.run("required", "forward", "gpu1", "0:" + remote);
            assertEquals(0, forward.code(), forward.toString());
            Matcher ready = Pattern.compile("127\\.0\\.0\\.1:(\\d+) -> ").matcher(forward.out());
            assertTrue(ready.find(), forward.out());
            String port = ready.group(1);
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lines(robot).size() == 2);
            assertTrue(lines(robot).get(1).startsWith("localhost:" + port + " \u2192 " + remote),
                    lines(robot).toString());
            InstanceProcesses.Result listed = clients.run("required", "tunnels");
            assertTrue(listed.out().contains("127.0.0.1:" + window.jupyter().localPort()), listed.out());
            assertTrue(listed.out().contains("127.0.0.1:" + port), listed.out());

            InstanceProcesses.Result closed = clients.run("required", "tunnels", "close", port);
            assertEquals(0, closed.code(), closed.toString());
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lines(robot).size() == 1);
            assertTrue(lines(robot).get(0).startsWith("localhost:" + window.jupyter().localPort() + " "));

            assertEquals(0, clients.run("required", "forward", "gpu1", "0:" + remote).code());
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lines(robot).size() == 2);
            robot.clickOn("#tunnel-close-gpu1");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#tunnels-none").tryQuery().isPresent());
            assertEquals(new InstanceProcesses.Result(0, "The background Tether holds no tunnels.\n", ""),
                    clients.run("required", "tunnels"));
            robot.clickOn("#dialog-close");
        } finally {
            if (following != null) {
                following.close();
            }
            instance.close();
        }
    }

    private static List<String> lines(FxRobot robot) {
        return robot.lookup(".tunnel-line").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }
}
