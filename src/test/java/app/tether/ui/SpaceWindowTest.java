package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.HfSpace;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.Providers;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.providers.hf.HfProvider;
import app.tether.providers.hf.HfSpaces;
import app.tether.settings.Preferences;
import app.tether.testing.HfStandIn;
import app.tether.workflow.ActionGuard;
import app.tether.workflow.Lifecycle;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's Space actions against the stand-in Hub (headless): pause shows the Space paused, a hardware
 * change is sent, import adds the account's Spaces, and an action the token may not do shows the Hub's reason.
 */
@ExtendWith(ApplicationExtension.class)
class SpaceWindowTest {
    @TempDir
    Path dir;

    private HfStandIn hub;
    private Environment environment;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        hub = HfStandIn.start();
        hub.setTimings(300, 300);
        hub.addUser("alice", "hf_alice_write", "write", "lab");
        hub.addUser("alice", "hf_alice_read", "read", "lab");
        URI app = URI.create("http://127.0.0.1:9");
        hub.addSpace("alice/notebook", true, "t4-small", app);
        hub.addSpace("alice/demo", false, "cpu-basic", app);
        hub.addSpace("lab/shared", false, "a10g-small", app);
        hub.setStage("lab/shared", "PAUSED", null);
    }

    /** Opens the window on a list with one Space, the Hub reached with {@code token}. */
    private void open(FxRobot robot, String token) throws Exception {
        environment = UiFixture.environment(dir).withVariable("HF_ENDPOINT", hub.endpoint().toString())
                .withVariable("HF_TOKEN", token);
        Files.createDirectories(environment.sshDir());
        InventoryStore store = new InventoryStore(environment.inventoryFile());
        store.save(Inventory.empty().add(new HfSpace("notebook", "alice/notebook", null, null, null, null)));
        AppContext context = new AppContext(environment, store, Preferences.open(environment.settingsFile()),
                new UiLanguage(Locale.ENGLISH), new ThemeSwitcher(false),
                new FxExecutors(BackgroundExecutors.pool("space-ui-test"), FxExecutors.FX));
        Providers providers = StandardProviders.create(environment, () -> {
            throw new AssertionError("no SSH here");
        });
        Lifecycle lifecycle = new Lifecycle(providers, StateCache.in(environment), new ActionGuard(), Duration.ofMillis(100));
        HfProvider hf = (HfProvider) providers.all().stream().filter(HfProvider.class::isInstance).findFirst().orElseThrow();
        robot.interact(() -> {
            context.themes().apply(Preferences.Theme.LIGHT);
            window = MainWindow.show(new Stage(), context, uri -> { }, () -> { });
            window.setCloudActions(new CloudActions(lifecycle, context.executors()));
            window.setSpaceActions(new SpaceActions(new HfSpaceOperations(new HfSpaces(hf), lifecycle, store,
                    new JupyterSecrets(environment)), context.executors()));
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.model().items().size() == 1);
        TargetItem row = window.model().items().get(0);
        robot.interact(() -> window.model().selectedProperty().set(row));
        // Selecting a Space loads its runtime: state, hardware and price appear.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> row.state() == TargetState.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        Messages.setLocale(Locale.ENGLISH);
    }

    @Test
    void pauseShowsTheSpacePausedAndStopsTheBilling(FxRobot robot) throws Exception {
        open(robot, "hf_alice_write");
        assertEquals("t4-small", text(robot, "#cloud-hardware"));
        assertEquals("USD 0.40/h", text(robot, "#cloud-price"));

        robot.clickOn("#cloud-pause");
        TargetItem row = window.model().items().get(0);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> row.state() == TargetState.PAUSED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("PAUSED", hub.stage("alice/notebook"));
        assertTrue(hub.requests().contains("POST /api/spaces/alice/notebook/pause"), hub.requests().toString());
        assertEquals("Paused", onFx(() -> robot.lookup("#detail-pane .badge").queryAs(Label.class).getText()));
        assertTrue(onFx(() -> !robot.lookup("#cloud-start").queryButton().isDisabled()), "Start is offered now");
    }

    @Test
    void aHardwareChangeChosenInTheDialogIsSent(FxRobot robot) throws Exception {
        open(robot, "hf_alice_write");
        robot.clickOn("#hf-hardware");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#hardware-table").tryQuery().isPresent()));
        robot.interact(() -> {
            TableView<SpaceFlavor> table = robot.lookup("#hardware-table").queryTableView();
            SpaceFlavor a10g = table.getItems().stream().filter(f -> f.id().equals("a10g-small")).findFirst().orElseThrow();
            table.getSelectionModel().select(a10g);
        });
        assertEquals("Nvidia A10G - small costs USD 1.00/h while the Space runs. Pause the Space to stop the billing.",
                onFx(() -> robot.lookup("#hardware-cost").queryAs(Label.class).getText()));
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> hub.requests().contains("POST /api/spaces/alice/notebook/hardware"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> "a10g-small".equals(hub.space("alice/notebook").runtime().path("hardware").path("requested").asText()));
    }

    @Test
    void importAddsTheAccountsSpacesThatAreNotListed(FxRobot robot) throws Exception {
        open(robot, "hf_alice_write");
        robot.clickOn("File");
        robot.clickOn("Import Hugging Face Spaces…");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup("#space-import-list").queryListView().getItems().size() == 3));
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.model().items().size() == 3);
        List<String> ids = new InventoryStore(environment.inventoryFile()).load().targets().stream()
                .map(t -> ((HfSpace) t).spaceId()).toList();
        assertEquals(List.of("alice/notebook", "alice/demo", "lab/shared"), ids);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "Added 2 Spaces.".equals(onFx(() -> dialogText(robot))));
    }

    @Test
    void theCreateWizardStreamsTheBuildLogUntilTheSpaceRuns(FxRobot robot) throws Exception {
        open(robot, "hf_alice_write");
        robot.clickOn("File");
        robot.clickOn("New JupyterLab Space…");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#create-space-id").tryQuery().isPresent()));
        robot.clickOn("#create-space-id").write("alice/lab2");
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup("#progress-close").tryQuery().map(n -> !n.isDisabled()).orElse(false)));
        assertEquals("The Space alice/lab2 is running. Connect opens JupyterLab.", text(robot, "#progress-result"));
        String log = onFx(() -> robot.lookup("#progress-log").queryAs(javafx.scene.control.TextArea.class).getText());
        assertTrue(hub.requests().contains("POST /api/repos/create"), hub.requests().toString());
        assertTrue(hub.requests().stream().anyMatch(r -> r.startsWith("GET /api/spaces/alice/lab2/logs/build")), log);
        HfSpace added = (HfSpace) new InventoryStore(environment.inventoryFile()).load().require("lab2");
        assertEquals("alice/lab2", added.spaceId());
        assertEquals(TargetState.RUNNING, window.model().item("lab2").orElseThrow().state());
        robot.clickOn("#progress-close");
    }

    @Test
    void anActionTheTokenMayNotDoShowsTheHubsReason(FxRobot robot) throws Exception {
        open(robot, "hf_alice_read");
        robot.clickOn("#cloud-pause");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> dialogText(robot) != null));
        String message = onFx(() -> dialogText(robot));
        assertTrue(message.contains("this one is read-only"), message);
        assertEquals("RUNNING", hub.stage("alice/notebook"));
    }

    /** The text of the dialog on screen (an error or information); null when none. */
    private static String dialogText(FxRobot robot) {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null)
                .map(w -> w.getScene().getRoot().lookup(".dialog-pane .content"))
                .filter(node -> node instanceof Label).map(node -> ((Label) node).getText()).findFirst().orElse(null);
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    private static <T> T onFx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(30, TimeUnit.SECONDS);
    }
}
