package app.tether.ui;

import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.VBox;

/** The Sleep time dialog's content: what sleeping means and a choice of times. */
final class SleepTimeView extends VBox {
    SleepTimeView(SleepTimeViewModel model, UiLanguage language) {
        super(10);
        setId("sleep-time-view");
        setPrefWidth(460);
        Label text = new Label(language.get("ui.hf.sleep.intro", model.space()));
        text.setWrapText(true);
        ComboBox<Integer> choice = new ComboBox<>(FXCollections.observableArrayList(model.choices()));
        choice.setId("sleep-choice");
        choice.setCellFactory(view -> cell(language));
        choice.setButtonCell(cell(language));
        choice.valueProperty().bindBidirectional(model.secondsProperty());
        getChildren().addAll(text, choice);
    }

    /** A list cell that names a sleep time ("Never", "15 min"). */
    static ListCell<Integer> cell(UiLanguage language) {
        return new ListCell<>() {
            @Override
            protected void updateItem(Integer seconds, boolean empty) {
                super.updateItem(seconds, empty);
                setText(empty ? null : SleepTimes.label(language, seconds));
            }
        };
    }
}
