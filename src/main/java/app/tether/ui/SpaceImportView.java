package app.tether.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Import Spaces dialog's content: the account's Spaces with check boxes, or why they could not be listed. */
final class SpaceImportView extends VBox {
    SpaceImportView(SpaceImportViewModel model, UiLanguage language) {
        super(10);
        setId("space-import");
        setPrefSize(520, 420);
        Label intro = new Label(language.get("ui.hf.import.intro"));
        intro.setWrapText(true);
        ListView<SpaceImportViewModel.Row> list = new ListView<>(model.rows());
        list.setId("space-import-list");
        list.setCellFactory(view -> new ListCell<>() {
            private final CheckBox box = new CheckBox();
            private SpaceImportViewModel.Row bound;

            @Override
            protected void updateItem(SpaceImportViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                if (bound != null) {
                    box.selectedProperty().unbindBidirectional(bound.pickedProperty());
                    bound = null;
                }
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                box.setText(row.listed() ? language.get("ui.hf.import.listed", row.spaceId()) : row.spaceId());
                box.setDisable(row.listed());
                box.setSelected(row.listed() || row.pickedProperty().get());
                if (!row.listed()) {
                    box.selectedProperty().bindBidirectional(row.pickedProperty());
                    bound = row;
                }
                setGraphic(box);
            }
        });
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(40, 40);
        spinner.visibleProperty().bind(model.loadingProperty());
        Label empty = new Label(language.get("ui.hf.import.none"));
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.visibleProperty().bind(Bindings.createBooleanBinding(() -> !model.loadingProperty().get()
                && model.rows().isEmpty() && model.statusProperty().get().isEmpty(), model.loadingProperty(), model.rows(),
                model.statusProperty()));
        StackPane area = new StackPane(list, spinner, empty);
        VBox.setVgrow(area, Priority.ALWAYS);
        Label status = new Label();
        status.setId("space-import-status");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.DANGER);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        getChildren().addAll(intro, area, status);
    }
}
