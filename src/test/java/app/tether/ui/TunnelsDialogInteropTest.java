package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.inventory.SshServer;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.Interop;
import app.tether.testing.SshTestbed;
import app.tether.tunnel.TargetTunnels;
import app.tether.tunnel.TunnelService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
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

/** The "Open tunnels" list over a real tunnel through OpenSSH: it is listed with its port, and Close frees the port. */
@Tag("interop")
@ExtendWith(ApplicationExtension.class)
class TunnelsDialogInteropTest {
    @TempDir
    Path dir;

    private SshTestbed testbed;
    private SshSessions sessions;
    private TunnelService tunnels;
    private DialogService dialogs;

    @Start
    void start(Stage stage) throws Exception {
        Interop.requireProgram("/usr/sbin/sshd");
        testbed = SshTestbed.start(dir.resolve("sshd"));
        sessions = new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE,
                Duration.ofSeconds(10), null);
        tunnels = new TunnelService(sessions, testbed.environment());
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
        dialogs = new DialogService(stage, new UiLanguage(Locale.ENGLISH), uri -> { });
    }

    @AfterEach
    void stop() throws Exception {
        if (tunnels != null) {
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

        TunnelsViewModel model = new TunnelsViewModel(tunnels, new FxExecutors(BackgroundExecutors.pool("test-tunnels"),
                FxExecutors.FX));
        Platform.runLater(() -> dialogs.show(View.TUNNELS, model, "ui.tunnels.title"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".tunnel-line").tryQuery().isPresent());
        String line = robot.lookup(".tunnel-line").queryAs(Label.class).getText();
        assertTrue(line.startsWith("localhost:" + port + " \u2192 127.0.0.1:" + testbed.server().port()), line);

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
}
