package app.tether.ui;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Hardware… dialog's content: a table of flavors (name, specs, $/h), the sleep time, and what the choice costs. */
final class HardwareDialog extends VBox {
    HardwareDialog(HardwareViewModel model, UiLanguage language) {
        super(10);
        setId("hardware-dialog");
        setPrefSize(760, 520);
        setMinWidth(720);
        Label intro = new Label(language.get("ui.hf.hardware.intro", model.space(),
                model.current() == null ? language.get("ui.hf.hardware.currentUnknown") : model.current()));
        intro.setWrapText(true);
        // A wrapping label in a dialog keeps its lines only with a minimum height of its own.
        intro.setMinHeight(Region.USE_PREF_SIZE);

        TableView<SpaceFlavor> table = new TableView<>(model.flavors());
        table.setId("hardware-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<SpaceFlavor, String> name = new TableColumn<>(language.get("ui.hf.hardware.column.name"));
        name.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().id().equals(model.current())
                ? language.get("ui.hf.hardware.current", row.getValue().name()) : row.getValue().name()));
        name.setPrefWidth(230);
        TableColumn<SpaceFlavor, String> id = new TableColumn<>(language.get("ui.hf.hardware.column.id"));
        id.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().id()));
        id.setPrefWidth(120);
        TableColumn<SpaceFlavor, String> price = new TableColumn<>(language.get("ui.hf.hardware.column.price"));
        price.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().pricePerHour() == null
                ? language.get("ui.hf.hardware.priceUnknown")
                : TargetStateView.usdPerHour(language, row.getValue().pricePerHour())));
        price.setPrefWidth(110);
        price.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<SpaceFlavor, String> specs = new TableColumn<>(language.get("ui.hf.hardware.column.specs"));
        specs.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().specs()));
        table.getColumns().setAll(List.of(name, id, price, specs));
        VBox.setVgrow(table, Priority.ALWAYS);
        if (model.selectedProperty().get() != null) {
            table.getSelectionModel().select(model.selectedProperty().get());
            table.scrollTo(model.selectedProperty().get());
        }
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, flavor) -> {
            if (flavor != null) {
                model.selectedProperty().set(flavor);
            }
        });

        ComboBox<Integer> sleep = new ComboBox<>(FXCollections.observableArrayList(model.sleepChoices()));
        sleep.setId("hardware-sleep");
        sleep.setCellFactory(view -> SleepTimeView.cell(language));
        sleep.setButtonCell(SleepTimeView.cell(language));
        sleep.valueProperty().bindBidirectional(model.sleepProperty());
        Label sleepLabel = new Label(language.get("ui.hf.sleep.label"));
        HBox sleepRow = new HBox(10, sleepLabel, sleep);
        sleepRow.setAlignment(Pos.CENTER_LEFT);
        sleepRow.visibleProperty().bind(model.sleepAppliesProperty());
        sleepRow.managedProperty().bind(sleepRow.visibleProperty());

        Label cost = new Label();
        cost.setId("hardware-cost");
        cost.setWrapText(true);
        cost.setMinHeight(Region.USE_PREF_SIZE);
        cost.getStyleClass().add(Styles.TEXT_MUTED);
        cost.textProperty().bind(Bindings.createStringBinding(() -> {
            SpaceFlavor chosen = model.selectedProperty().get();
            if (chosen == null) {
                return language.get("ui.hf.hardware.choose");
            }
            if (chosen.pricePerHour() == null) {
                return language.get("ui.hf.hardware.costUnknown", chosen.name());
            }
            return language.get(chosen.free() ? "ui.hf.hardware.costFree" : "ui.hf.hardware.cost", chosen.name(),
                    TargetStateView.usdPerHour(language, chosen.pricePerHour()));
        }, model.selectedProperty()));
        getChildren().addAll(intro, table, sleepRow, cost);
    }
}
