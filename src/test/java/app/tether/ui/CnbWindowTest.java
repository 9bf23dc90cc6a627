package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.TargetState;
import app.tether.providers.cnb.CnbStandIn;
import app.tether.settings.Preferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
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
 * A CNB workspace in the window against the stand-in CNB (headless, the desktop's own wiring): the running one
 * shows its time left (the provider's message), the recycling rules, price with its date and the group's GPU quota; a closed one what the
 * backup keeps with the advice to push; Stop asks with the unpushed-work check first; Connect (toolbar) opens the
 * WebIDE of a workspace without SSH and says so.
 */
@ExtendWith(ApplicationExtension.class)
class CnbWindowTest {
    @TempDir
    Path dir;

    private CnbStandIn cnb;
    private MainWindow window;
    private Workflows workflows;
    private final List<String> browsed = new CopyOnWriteArrayList<>();
    private volatile boolean noBrowser;

    private Stage primary;
    private java.util.concurrent.ExecutorService pool;

    @Start
    void start(Stage stage) throws Exception {
        primary = stage;
        Messages.setLocale(Locale.ENGLISH);
        cnb = CnbStandIn.start().token("good", "alice", CnbStandIn.ALL_SCOPES).repo("team/model")
                .specialAmount("{\"compute_develop_corehour\": 1600, \"compute_develop_gpu_corehour\": 1184}");
        cnb.sshForNew(false);
    }

    /** Opens the window (as the desktop app wires it) on one workspace of team/model, branch {@code branch}. */
    private TargetItem open(FxRobot robot, String branch, TargetState until) throws Exception {
        return open(robot, branch, until, Locale.ENGLISH);
    }

    private TargetItem open(FxRobot robot, String branch, TargetState until, Locale locale) throws Exception {
        Environment environment = UiFixture.environment(dir).withVariable("CNB_API_ENDPOINT", cnb.uri().toString())
                .withVariable("CNB_TOKEN", "good");
        Files.createDirectories(environment.sshDir());
        InventoryStore store = new InventoryStore(environment.inventoryFile());
        store.save(Inventory.empty().add(new CnbWorkspace("model", "team/model", branch, null, List.of(), "", null,
                "cnb:arch:amd64:gpu:L40")));
        pool = BackgroundExecutors.pool("cnb-ui-test");
        AppContext context = new AppContext(environment, store, Preferences.open(environment.settingsFile()),
                new UiLanguage(locale), new ThemeSwitcher(false), new FxExecutors(pool, FxExecutors.FX));
        robot.interact(() -> {
            // Windows an earlier test class left open would answer this test's lookups and take its clicks.
            closeWindows();
            context.themes().apply(Preferences.Theme.LIGHT);
            window = MainWindow.show(new Stage(), context, uri -> { }, () -> { });
            LiveStatus live = LiveStatus.start(environment, window, 60);
            workflows = new Workflows(environment, window, live, url -> {
                if (noBrowser) {
                    throw new app.tether.core.TetherException(app.tether.core.ErrorCode.FAILURE,
                            "handoff.error.browser.exit", "xdg-open", 3);
                }
                browsed.add(url);
            }, text -> { });
            window.setActions(workflows);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.model().items().size() == 1);
        TargetItem row = window.model().items().get(0);
        robot.interact(() -> window.model().selectedProperty().set(row));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> row.state() == until);
        // The CNB part asks for the workspace and the quota once the state is known.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#cnb-quota").tryQuery()
                .map(n -> !((Label) n).getText().equals(Messages.get("cnb.ui.quota.loading"))).orElse(false)));
        return row;
    }

    @AfterEach
    void stop(FxRobot robot) throws Exception {
        // Every window of this test, the main one too: a window left open would answer the next test's lookups
        // ("#cloud-start") with its own buttons, wired to this test's stand-in, closed by then.
        robot.interact(this::closeWindows);
        if (workflows != null) {
            workflows.close();
        }
        // An action still following its workspace (a Stop waits until the workspace is closed) holds the target in
        // the process's one ActionGuard: the next test's buttons for "model" would stay greyed out. Interrupt it.
        if (pool != null) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the window's background work ends");
        }
        assertTrue(app.tether.workflow.ActionGuard.PROCESS.inFlight("model").isEmpty(),
                "no action on model is left in flight");
        cnb.close();
        Messages.setLocale(Locale.ENGLISH);
    }

    private void closeWindows() {
        Window.getWindows().stream().filter(w -> w instanceof Stage && w != primary).toList()
                .forEach(w -> ((Stage) w).close());
    }

    @Test
    void aRunningWorkspaceShowsTimeLeftRecyclingPriceWithItsDateAndTheGpuQuota(FxRobot robot) throws Exception {
        cnb.add("team/model", "main", "running", Instant.now().minus(Duration.ofMinutes(61)));
        open(robot, "main", TargetState.RUNNING);
        String left = text(robot, "#cloud-message");
        assertTrue(left.matches("2 h 5[89] min left before CNB recycles it \\(lifetime limit, at \\d{4}-\\d\\d-\\d\\d "
                + "\\d\\d:\\d\\d\\)\\."), left);
        assertEquals("GPU workspaces end after 4 h; one used more than 8 h is also recycled between 04:00 and 06:00 "
                + "(Asia/Shanghai). Push your work before then.", text(robot, "#cnb-recycling"));
        assertEquals("CNY 8.00/h beyond the free quota (16 cores \u00d7 CNY 0.50 per core-hour; CNB pricing of 2026-11-22, "
                + "1600 free GPU core-hours a month)", text(robot, "#cnb-price"));
        assertEquals("1184 core-hours left for team (about 74.0 h on this runner)", text(robot, "#cnb-quota"));
        assertTrue(onFx(() -> robot.lookup("#cnb-backup").tryQuery().isEmpty()), "no backup warning while it runs");
    }

    @Test
    void aClosedWorkspaceShowsWhatTheBackupKeepsAndSaysToPush(FxRobot robot) throws Exception {
        CnbStandIn.Workspace old = cnb.add("team/model", "main", "running", Instant.now().minus(Duration.ofHours(5)));
        cnb.recycle(old, 2, 3, 1, "train.py,eval.py,notes.md");
        open(robot, "main", TargetState.STOPPED);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#cnb-backup").tryQuery().isPresent()));
        assertEquals("2 commits, 3 files, 1 stashes", text(robot, "#cnb-backup-counts"));
        assertEquals("train.py\neval.py\nnotes.md", text(robot, "#cnb-backup-files"));
        assertTrue(text(robot, "#cnb-push-advice").startsWith("Push your work: start the workspace again"));
        assertTrue(onFx(() -> robot.lookup("#cloud-message").tryQuery().isEmpty()), "the one-line summary is not repeated");
        assertFalse(text(robot, "#cnb-recycling").isEmpty());
    }

    @Test
    void inChineseTheClosedWorkspacesStatusWordAndItsPaidStartQuestionAreChinese(FxRobot robot) throws Exception {
        CnbStandIn.Workspace old = cnb.add("team/model", "main", "running", Instant.now().minus(Duration.ofHours(5)));
        cnb.recycle(old, 0, 0, 0, "");
        open(robot, "main", TargetState.STOPPED, Locale.SIMPLIFIED_CHINESE);
        assertEquals("已关闭", text(robot, "#cloud-stage"));
        pressDetailButton(robot, "#cloud-start");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#confirm-ok").tryQuery().isPresent()));
        assertEquals("“model”运行时收费 CNY 8.00/小时（超出免费额度后收费；每个组织每月免费 1600 GPU 核时；CNB 2026-11-22 的定价）。要启动吗？",
                onFx(() -> robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class).getContentText()));
        robot.clickOn(Messages.get("ui.button.cancel"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(cnb.requests().stream().anyMatch(r -> r.rawPath().endsWith("/workspace/start")),
                "Cancel starts nothing");
    }

    @Test
    void stopAsksWithWhatIsAtRiskAndClosesOnlyWhenConfirmed(FxRobot robot) throws Exception {
        cnb.add("team/model", "main", "running", Instant.now().minus(Duration.ofMinutes(30)));
        open(robot, "main", TargetState.RUNNING);
        pressDetailButton(robot, "#cloud-stop");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#confirm-ok").tryQuery().isPresent()
                || confirmTextArea(robot) != null));
        String risks = onFx(() -> confirmTextArea(robot).getText());
        assertEquals("Tether could not check for unpushed work (the workspace offers no SSH login).", risks);
        String header = onFx(() -> Window.getWindows().stream().filter(Window::isShowing)
                .map(w -> w.getScene().getRoot().lookup(".dialog-pane .header-panel .label"))
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).findFirst().orElse(""));
        assertTrue(header.startsWith("Stopping closes workspace " + cnb.workspaces().get(0).sn + " of model"), header);
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(cnb.requests().stream().anyMatch(r -> r.rawPath().equals("/workspace/stop")), "Cancel stops nothing");

        pressDetailButton(robot, "#cloud-stop");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> confirmTextArea(robot) != null));
        // The dialog's Stop, not the pane's button of the same name behind it.
        robot.clickOn(onFx(() -> Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null)
                .flatMap(w -> w.getScene().getRoot().lookupAll(".dialog-pane .button").stream())
                .filter(n -> n instanceof javafx.scene.control.Button b && "Stop".equals(b.getText()))
                .findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> cnb.requests().stream().anyMatch(r -> r.rawPath().equals("/workspace/stop")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "closed".equals(cnb.workspaces().get(0).status));
    }

    @Test
    void startingAClosedGpuWorkspaceAsksWithItsPriceInCnyAndStartsNothingWhenCancelled(FxRobot robot) throws Exception {
        CnbStandIn.Workspace old = cnb.add("team/model", "main", "running", Instant.now().minus(Duration.ofHours(5)));
        cnb.recycle(old, 0, 0, 0, "");
        open(robot, "main", TargetState.STOPPED);
        pressDetailButton(robot, "#cloud-start");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#confirm-ok").tryQuery().isPresent()));
        assertEquals("\"model\" costs CNY 8.00/h beyond the free quota (1600 GPU core-hours a month per organisation;"
                + " CNB pricing of 2026-11-22) while it runs. Start it?",
                onFx(() -> robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class).getContentText()));
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(cnb.requests().stream().anyMatch(r -> r.rawPath().endsWith("/workspace/start")),
                "Cancel starts nothing");
    }

    @Test
    void toolbarConnectOpensTheWebIdeOfAWorkspaceWithoutSshAndSaysSo(FxRobot robot) throws Exception {
        cnb.add("team/model", "main", "running", Instant.now().minus(Duration.ofMinutes(5)));
        open(robot, "main", TargetState.RUNNING);
        assertFalse(onFx(() -> robot.lookup("#connect-button").queryButton().isDisabled()), "Connect works for CNB");
        pressDetailButton(robot, "#connect-button");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !browsed.isEmpty());
        assertEquals(List.of(cnb.uri() + "/webide/" + cnb.workspaces().get(0).sn + "-001/?folder=/workspace"), browsed);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup("#progress-close").tryQuery().map(n -> !n.isDisabled()).orElse(false)));
        assertEquals("model offers no notebook Tether can tunnel to: opened its web IDE in the browser ("
                + browsed.get(0) + ").", text(robot, "#progress-result"));
        String log = onFx(() -> robot.lookup("#progress-log").queryAs(TextArea.class).getText());
        assertTrue(log.contains("The workspace offers no SSH login: opening its WebIDE."), log);
        assertTrue(onFx(() -> window.model().items().get(0).notebookUrlProperty().get()) == null,
                "no local notebook address is claimed");
    }

    @Test
    void withoutABrowserTheWebIdeAddressIsOfferedToCopy(FxRobot robot) throws Exception {
        cnb.add("team/model", "main", "running", Instant.now().minus(Duration.ofMinutes(5)));
        noBrowser = true;
        open(robot, "main", TargetState.RUNNING);
        pressDetailButton(robot, "#detail-connect");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup("#progress-close").tryQuery().map(n -> !n.isDisabled()).orElse(false)));
        String webide = cnb.uri() + "/webide/" + cnb.workspaces().get(0).sn + "-001/?folder=/workspace";
        assertEquals(webide, onFx(() -> robot.lookup("#progress-offer").queryAs(javafx.scene.control.TextField.class)
                .getText()));
        assertTrue(text(robot, "#progress-result").startsWith("model offers no notebook Tether can tunnel to, and no "
                + "browser could be opened:"), text(robot, "#progress-result"));
    }

    /**
     * Presses a button of this test's window as it is now, once it is enabled (a disabled button ignores a press, and
     * the test would only time out later): the pane is rebuilt when status arrives, so a mouse that travels to a
     * button found a moment earlier can reach a detached node. Not waited for: it opens a modal dialog.
     */
    private void pressDetailButton(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> window.stage().getScene().getRoot()
                .lookup(query) instanceof javafx.scene.control.Button b && !b.isDisabled()));
        javafx.application.Platform.runLater(() -> ((javafx.scene.control.Button) window.stage().getScene().getRoot()
                .lookup(query)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TextArea confirmTextArea(FxRobot robot) {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null)
                .map(w -> w.getScene().getRoot().lookup(".dialog-pane .log-view"))
                .filter(n -> n instanceof TextArea).map(n -> (TextArea) n).findFirst().orElse(null);
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    private static <T> T onFx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
