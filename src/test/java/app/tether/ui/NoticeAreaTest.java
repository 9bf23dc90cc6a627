package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.settings.Preferences;
import app.tether.testing.RecordingResponses;
import app.tether.watch.EventResponses;
import app.tether.watch.NoticeDispatch;
import app.tether.watch.NoticeKind;
import app.tether.watch.Notices;
import app.tether.watch.WatchEvent;
import app.tether.watch.WatchEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's own notification cards, headless (Monocle): events published from a watcher's thread appear as
 * cards with their buttons, a countdown updates its card in place, a button answers through EventResponses, a
 * cancel takes the card away, and the Settings switches turn a kind off.
 */
@ExtendWith(ApplicationExtension.class)
class NoticeAreaTest {
    @TempDir
    Path dir;

    private final WatchEvents events = new WatchEvents();
    private final RecordingResponses answers = new RecordingResponses();
    private AppContext context;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        Environment environment = UiFixture.environment(dir);
        Files.createDirectories(environment.sshDir());
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty()
                .add(SshServer.ofHost("lab-a100", "gpu.example.com", "ada", null, null, null))
                .add(SshServer.ofHost("hf-space", "space.example.com", "ada", null, null, null)));
        context = UiFixture.context(environment);
        context.themes().apply(Preferences.Theme.LIGHT);
        window = MainWindow.show(stage, context, uri -> { }, () -> { });
        EventResponses responses = new AppResponses(window::select, answers);
        NoticeBoard board = new NoticeBoard(responses, FxExecutors.FX, BackgroundExecutors.direct());
        window.showNotices(board);
        events.subscribe(new NoticeDispatch(new Notices(kind -> context.preferences().notifies(kind.id())),
                List.of(board), BackgroundExecutors.direct()));
    }

    @AfterEach
    void resetLanguage() {
        Messages.setLocale(Locale.ENGLISH);
    }

    /** Publishes from another thread, as a watcher does, and waits for the window to catch up. */
    private void publish(String target, WatchEvent.Type type, String message) throws Exception {
        Thread publisher = BackgroundExecutors.threads("test-watcher").newThread(() ->
                events.accept(new WatchEvent(Instant.now(), target, type, null, message)));
        publisher.start();
        publisher.join();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<VBox> cards(FxRobot robot) {
        return robot.lookup(".notice").queryAllAs(VBox.class).stream().toList();
    }

    private static List<String> texts(VBox card) {
        return card.lookupAll(".label").stream().filter(Label.class::isInstance)
                .map(node -> ((Label) node).getText()).toList();
    }

    @Test
    void aCountdownShowsOneCardWithItsButtonsAndUpdatesItInPlace(FxRobot robot) throws Exception {
        publish("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "No GPU use or busy kernel for 30 min: pausing in 5 min.");
        assertEquals(1, cards(robot).size());
        assertTrue(texts(cards(robot).get(0)).contains("hf-space is idle: pausing soon"));
        assertEquals("Keep running", robot.lookup("#notice-keep-running").queryButton().getText());
        assertEquals("Pause now", robot.lookup("#notice-pause-now").queryButton().getText());

        publish("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "No GPU use or busy kernel for 31 min: pausing in 4 min.");
        assertEquals(1, cards(robot).size(), "the update replaced the card");
        assertTrue(texts(cards(robot).get(0)).contains("No GPU use or busy kernel for 31 min: pausing in 4 min."));
    }

    @Test
    void keepRunningAnswersForThatTargetAndTheCardGoes(FxRobot robot) throws Exception {
        publish("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min.");
        publish("lab-a100", WatchEvent.Type.TUNNEL_LOST, "The SSH link dropped; reconnecting.");
        assertEquals(2, cards(robot).size());

        robot.clickOn("#notice-keep-running");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("keepRunning hf-space"), answers.all());
        assertEquals(1, cards(robot).size());
        assertTrue(texts(cards(robot).get(0)).contains("lab-a100: tunnel lost, reconnecting"));
    }

    @Test
    void openShowsTheWindowOnTheTarget(FxRobot robot) throws Exception {
        publish("lab-a100", WatchEvent.Type.BUILD_FINISHED, "The Space runs.");
        robot.clickOn("#notice-open");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("lab-a100", window.model().selectedProperty().get().name());
        assertEquals(List.of(), answers.all(), "Open is the window's own answer");
    }

    @Test
    void aCancelledCountdownTakesItsCardAway(FxRobot robot) throws Exception {
        publish("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min.");
        publish("hf-space", WatchEvent.Type.IDLE_PAUSE_CANCELLED, "A kernel is busy again.");

        assertTrue(cards(robot).isEmpty());
    }

    @Test
    void aPreemptionCardIsMarkedCriticalAndCanBeDismissed(FxRobot robot) throws Exception {
        publish("lab-a100", WatchEvent.Type.PREEMPTED, "lab-a100 was preempted by the cloud (not stopped by you).");
        VBox card = cards(robot).get(0);
        assertTrue(card.getStyleClass().contains("notice-critical"));
        assertTrue(robot.lookup("#notice-restart").tryQuery().isPresent());

        robot.clickOn("#notice-dismiss");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(cards(robot).isEmpty());
        assertEquals(List.of(), answers.all(), "closing a card answers nothing");
    }

    @Test
    void aKindTurnedOffInSettingsShowsNoCard(FxRobot robot) throws Exception {
        robot.clickOn("#settings-button");
        for (String label : List.of("Language", "Notifications")) {
            Label shown = robot.lookup("#settings .label").queryAllAs(Label.class).stream()
                    .filter(l -> label.equals(l.getText())).findFirst().orElseThrow();
            assertEquals(label, ((javafx.scene.text.Text) shown.lookup(".text")).getText(), "the label is cut");
        }
        CheckBox tunnel = robot.lookup("#notify-tunnel").queryAs(CheckBox.class);
        assertTrue(tunnel.isSelected(), "every kind is on until turned off");
        assertEquals("A tunnel was lost or is back", tunnel.getText());
        robot.clickOn("#notify-tunnel");
        robot.clickOn("#dialog-ok");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Preferences.open(context.preferences().file()).notifies(NoticeKind.TUNNEL.id()),
                "the switch is saved in settings.properties");

        publish("lab-a100", WatchEvent.Type.TUNNEL_LOST, "The SSH link dropped.");
        publish("lab-a100", WatchEvent.Type.BUILD_FAILED, "The build failed.");
        assertEquals(1, cards(robot).size());
        assertTrue(texts(cards(robot).get(0)).contains("lab-a100: build failed"));
    }
}
