package app.tether.ui;

import app.tether.inventory.TargetKind;
import app.tether.watch.EventResponses;
import app.tether.watch.IdleRule;
import app.tether.watch.IdleSettings;
import app.tether.watch.IdleSettingsStore;
import app.tether.watch.IdleSignal;
import app.tether.watch.IdleStatus;
import app.tether.watch.WatchEvents;
import atlantafx.base.theme.Styles;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detail pane's idle auto-pause row: the switch, the rule in one sentence, each signal's latest reading (or
 * "cannot report"), and while the countdown runs, when Tether pauses and a "Keep running" button.
 */
final class IdleRow {
    private static final Logger LOG = LoggerFactory.getLogger(IdleRow.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final UiLanguage language;
    private final IdleRule rule;
    private final IdleSettingsStore store;
    private final EventResponses responses;
    private final FxExecutors executors;
    private final WatchEvents events;
    private volatile Runnable changed = () -> { };

    IdleRow(UiLanguage language, IdleRule rule, IdleSettingsStore store, EventResponses responses,
            FxExecutors executors, WatchEvents events) {
        this.language = language;
        this.rule = rule;
        this.store = store;
        this.responses = responses;
        this.executors = executors;
        this.events = events;
    }

    /** Rebuilds the pane with {@code rebuild} after the switch was saved and on every idle event. */
    void follow(Runnable rebuild) {
        changed = rebuild;
        events.subscribe(event -> {
            switch (event.type()) {
                case IDLE_PAUSE_PENDING, IDLE_PAUSE_CANCELLED, PAUSED_BY_TETHER -> executors.fx().execute(changed);
                default -> {
                    // not the row's business
                }
            }
        });
    }

    Node build(TargetItem item) {
        Optional<IdleStatus> status = rule.status(item.name());
        // Before the guard's first look: the settings in force from idle.json (a small file).
        IdleSettings settings = status.map(IdleStatus::settings)
                .orElseGet(() -> store.effective(item.target(), item.liveProperty().get()));
        VBox box = new VBox(6);
        box.setId("idle-row");
        CheckBox toggle = new CheckBox(language.get("idle.ui.switch"));
        toggle.setId("idle-switch");
        toggle.setSelected(settings.enabled());
        boolean pausable = item.target().kind() != TargetKind.SSH;
        toggle.setDisable(!pausable);
        toggle.setOnAction(event -> save(item, settings, toggle.isSelected()));
        Label values = new Label(language.get("idle.ui.values", settings.thresholdPercent(), settings.minutes()));
        values.getStyleClass().add(Styles.TEXT_MUTED);
        HBox head = new HBox(12, toggle, values);
        head.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().add(head);
        Label sentence = new Label(!pausable ? language.get("idle.ui.cannotPause")
                : settings.enabled() ? language.get("idle.rule", item.name(), settings.thresholdPercent(), settings.minutes())
                : language.get("idle.rule.off", item.name()));
        sentence.setId("idle-rule");
        sentence.setWrapText(true);
        sentence.getStyleClass().add(Styles.TEXT_MUTED);
        box.getChildren().add(sentence);
        if (!pausable || !settings.enabled()) {
            return box;
        }
        if (status.isEmpty() || status.get().signals().isEmpty()) {
            Label none = new Label(language.get("idle.ui.notRead"));
            none.getStyleClass().add(Styles.TEXT_MUTED);
            box.getChildren().add(none);
        } else {
            for (IdleSignal signal : status.get().signals()) {
                Label line = new Label(language.get("idle.cli.signal", language.get(signal.source().messageKey()),
                        language.get("idle.reading." + signal.reading().name().toLowerCase(Locale.ROOT)), signal.detail()));
                line.setId("idle-signal-" + signal.source().name().toLowerCase(Locale.ROOT));
                line.setWrapText(true);
                if (signal.reading() == IdleSignal.Reading.CANNOT_REPORT) {
                    line.getStyleClass().add(Styles.TEXT_MUTED);
                }
                box.getChildren().add(line);
            }
        }
        if (status.isPresent() && status.get().pauseAt() != null) {
            Label pending = new Label(language.get("idle.ui.pending", TIME.format(status.get().pauseAt())));
            pending.getStyleClass().add(Styles.WARNING);
            Button keep = new Button(language.get("idle.ui.keep"));
            keep.setId("idle-keep");
            keep.setOnAction(event -> executors.background().execute(() -> {
                responses.keepRunning(item.name());
                executors.fx().execute(changed);
            }));
            HBox line = new HBox(12, pending, keep);
            line.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(line);
        }
        return box;
    }

    private void save(TargetItem item, IdleSettings current, boolean on) {
        CompletableFuture.runAsync(() -> {
            try {
                store.update(item.name(), current, s -> s.withEnabled(on));
            } catch (IOException e) {
                LOG.warn("Could not save the idle setting of {}: {}", item.name(), e.toString());
            }
        }, executors.background()).whenCompleteAsync((done, failure) -> changed.run(), executors.fx());
    }
}
