package app.tether.ui;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
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
        getChildren().addAll(step, bar, log, result);
    }
}
