package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Progress;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.inventory.TargetState;
import app.tether.jupyter.InstallMode;
import app.tether.jupyter.JupyterService;
import app.tether.jupyter.RemoteTestUser;
import app.tether.settings.Preferences;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.Interop;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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
 * The whole path through the window against a real sshd and Debian's jupyter-server, as an unprivileged user:
 * the setup wizard runs Jupyter, Connect opens a tunnel and hands the browser an address that answers.
 */
@Tag("interop")
@ExtendWith(ApplicationExtension.class)
class NotebookWindowInteropTest {
    @TempDir
    Path dir;

    private RemoteTestUser user;
    private SshTestbed testbed;
    private SshServer target;
    private MainWindow window;
    private Workflows workflows;
    private final List<String> browsed = new CopyOnWriteArrayList<>();
    private final List<String> copied = new CopyOnWriteArrayList<>();
    private volatile boolean noBrowser;

    @Start
    void start(Stage stage) throws Exception {
        Interop.requireProgram("/usr/sbin/sshd");
        Interop.requireProgram("/usr/bin/jupyter-server");
        user = RemoteTestUser.prepare();
        user.clean();
        testbed = SshTestbed.start(dir.resolve("sshd"));
        RemoteTestUser.openPathFor(testbed.server().dir().resolve("authorized_keys"));
        target = SshServer.ofHost("gpu", testbed.server().host(), user.name(), testbed.server().port(),
                testbed.key().toString(), null);
        Environment environment = testbed.environment();
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty().add(target));
        AppContext context = new AppContext(environment, new InventoryStore(environment.inventoryFile()),
                Preferences.open(environment.settingsFile()), new UiLanguage(Locale.ENGLISH), new ThemeSwitcher(false),
                new FxExecutors(BackgroundExecutors.pool("test-ui"), FxExecutors.FX));
        context.themes().apply(Preferences.Theme.LIGHT);
        window = MainWindow.show(stage, context, uri -> { }, () -> { });
        LiveStatus live = LiveStatus.start(environment, window, 2);
        workflows = new Workflows(environment, window, live, url -> {
            if (noBrowser) {
                throw new app.tether.core.TetherException(app.tether.core.ErrorCode.FAILURE,
                        "handoff.error.browser.exit", "xdg-open", 3);
            }
            browsed.add(url);
        }, copied::add);
        window.setActions(workflows);
    }

    @AfterEach
    void stop() throws Exception {
        if (workflows != null) {
            workflows.close();
        }
        if (user == null) {
            return;
        }
        try (SshSessions sessions = new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN,
                SshPrompts.NONE, Duration.ofSeconds(10), null)) {
            Path state = user.home().resolve(JupyterService.STATE_DIR);
            if (Files.exists(state.resolve("state.json"))) {
                new JupyterService(sessions, testbed.environment()).remove(target, Progress.NONE);
            }
            Path pid = state.resolve("jupyter.pid");
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        } finally {
            testbed.close();
            user.clean();
            user.close();
        }
    }

    private static void waitShown(FxRobot robot, String query) throws Exception {
        // Lookups walk the scene graph, so they run on the FX thread while the dialogs are being built.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup(query).tryQuery()
                .map(node -> node.getScene() != null && node.getScene().getWindow().isShowing() && node.isVisible())
                .orElse(false)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Presses a button of the detail pane. The pane is rebuilt whenever status arrives (every 2 s here), so a mouse
     * that travels to a button found a moment earlier can reach a node no longer in the scene; the button as it is
     * now is fired instead, on the FX thread (not waited for: it may open a modal dialog, which blocks its caller).
     */
    private static void pressDetailButton(FxRobot robot, String query) {
        javafx.application.Platform.runLater(() -> robot.lookup(query).queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits for the open progress dialog to finish and returns its result line. */
    private static String finishedProgress(FxRobot robot) throws Exception {
        waitShown(robot, "#progress-close");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS,
                () -> onFx(() -> !robot.lookup("#progress-close").queryButton().isDisabled()));
        String result = onFx(() -> robot.lookup("#progress-result").queryAs(Label.class).getText());
        robot.clickOn("#progress-close");
        return result;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(30, TimeUnit.SECONDS);
    }

    @Test
    void setsUpJupyterThroughTheWizardAndConnectOpensANotebookThatAnswers(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.model().items().size() == 1);
        TargetItem row = window.model().items().get(0);
        robot.interact(() -> window.model().selectedProperty().set(row));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> row.state() == TargetState.ONLINE);
        waitShown(robot, "#jupyter-setup-button");
        // The button shows while the Jupyter check is still running ("Checking…"): wait for its answer.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> !robot.lookup("#jupyter-state")
                .queryAs(Label.class).getText().startsWith("Checking")));
        assertEquals("Not set up yet.", onFx(() -> robot.lookup("#jupyter-state").queryAs(Label.class).getText()));

        pressDetailButton(robot, "#jupyter-setup-button");
        waitShown(robot, "#jupyter-port");
        int port = OpenSshServer.freePort();
        robot.interact(() -> {
            robot.lookup("#jupyter-port").queryAs(TextField.class).setText(String.valueOf(port));
            ComboBox<InstallMode> install = robot.lookup("#jupyter-install").queryComboBox();
            install.setValue(InstallMode.NEVER);
        });
        robot.clickOn("#dialog-ok");
        String setup = finishedProgress(robot);
        assertTrue(setup.startsWith("Jupyter runs on gpu, port " + port), setup);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row.jupyterProperty().get() != null
                && row.jupyterProperty().get().running());
        waitShown(robot, "#jupyter-stop-button");

        Button connect = robot.lookup("#detail-connect").queryButton();
        assertFalse(connect.isDisabled());
        pressDetailButton(robot, "#detail-connect");
        String opened = finishedProgress(robot);
        assertTrue(opened.startsWith("The notebook is open at"), opened);
        assertEquals(1, browsed.size());
        String url = browsed.get(0);
        assertEquals(url, row.notebookUrlProperty().get());
        HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), url);
        Node stop = robot.lookup("#jupyter-stop-button").query();
        assertTrue(stop.isVisible());

        // No browser on this desktop: the window says so and offers the address instead of claiming it is open.
        noBrowser = true;
        pressDetailButton(robot, "#detail-connect");
        waitShown(robot, "#progress-close");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> onFx(() -> !robot.lookup("#progress-close").queryButton().isDisabled()));
        assertEquals("Done", onFx(() -> robot.lookup("#progress-step").queryAs(Label.class).getText()));
        assertEquals(url, onFx(() -> robot.lookup("#progress-offer").queryAs(TextField.class).getText()));
        String noBrowserResult = finishedProgress(robot);
        assertTrue(noBrowserResult.startsWith("The notebook is ready, but no browser could be opened"), noBrowserResult);
        assertEquals(1, browsed.size());
        noBrowser = false;

        // PyCharm: the URL for "Configured server" goes to the clipboard, then the Gateway link is offered.
        robot.interact(() -> workflows.openInJetBrains(row));
        String forPyCharm = finishedProgress(robot);
        assertTrue(forPyCharm.startsWith("Copied the notebook address"), forPyCharm);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> copied.size() == 1);
        String token = URI.create(url).getQuery().replaceFirst(".*token=", "");
        assertTrue(copied.get(0).startsWith(url.substring(0, url.indexOf('/', "http://".length())))
                && copied.get(0).endsWith("?token=" + token), copied.get(0));
        waitShown(robot, "Open in Gateway");
        robot.clickOn("Open in Gateway");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> browsed.size() == 2);
        assertEquals("jetbrains-gateway://connect#type=ssh&deploy=false&host=127.0.0.1&port="
                + testbed.server().port() + "&user=" + user.name(), browsed.get(1));

        // Remove Jupyter from the window: it asks first, then the server is back to "not set up".
        waitShown(robot, "#jupyter-remove-button");
        Platform.runLater(() -> robot.lookup("#jupyter-remove-button").queryButton().fire());
        waitShown(robot, "#confirm-ok");
        robot.clickOn("#confirm-ok");
        // Earlier progress dialogs may still be in the window list: wait for the one that reports the removal.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#progress-result")
                .queryAllAs(Label.class).stream().anyMatch(label -> label.getText()
                        .startsWith("Removed Tether's Jupyter setup from gpu"))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row.jupyterProperty().get() != null
                && !row.jupyterProperty().get().setUp() && !row.jupyterProperty().get().running());
        assertEquals(null, row.notebookUrlProperty().get());
    }
}
