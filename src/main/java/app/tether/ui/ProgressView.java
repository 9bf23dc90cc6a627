package app.tether.ui;

import app.tether.core.Messages;
import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A progress bar, the current step and the streamed remote log of a {@link ProgressModel}. */
final class ProgressView extends VBox {
    ProgressView(ProgressModel model) {
        super(8);
        setId("progress-view");
        setPrefSize(640, 380);
        ProgressBar bar = new ProgressBar();
        bar.setId("progress-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        Label step = new Label();
        step.setId("progress-step");
        step.textProperty().bind(model.stepProperty());
        step.getStyleClass().add(Styles.TEXT_BOLD);
        TextArea log = new TextArea();
        log.setId("progress-log");
        log.setEditable(false);
        log.setWrapText(true);
        log.getStyleClass().add("log-view");
        VBox.setVgrow(log, Priority.ALWAYS);
        model.log().forEach(line -> log.appendText(line + "\n"));
        model.log().addListener((ListChangeListener<String>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && !change.wasAdded()) {
                    continue;
                }
                change.getAddedSubList().forEach(line -> log.appendText(line + "\n"));
            }
        });
        Label result = new Label();
        result.setId("progress-result");
        result.setWrapText(true);
        result.textProperty().bind(model.resultProperty());
        model.failedProperty().addListener((obs, old, failed) -> result.getStyleClass().add(failed ? Styles.DANGER
                : Styles.SUCCESS));
        TextField offered = new TextField();
        offered.setId("progress-offer");
        offered.setEditable(false);
        offered.textProperty().bind(model.offeredProperty());
        HBox.setHgrow(offered, Priority.ALWAYS);
        Button copy = new Button(Messages.get("ui.progress.copy"));
        copy.setId("progress-copy");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(offered.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox offer = new HBox(8, offered, copy);
        offer.setId("progress-offer-row");
        offer.visibleProperty().bind(model.offeredProperty().isNotNull());
        offer.managedProperty().bind(offer.visibleProperty());
        getChildren().addAll(step, bar, log, result, offer);
    }
}
