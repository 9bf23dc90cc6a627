package app.tether.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The new-Space wizard's form: id, list name, hardware with its price, private, sleep time. */
final class SpaceCreateView extends VBox {
    private final UiLanguage language;
    private final GridPane grid = new GridPane();
    private int row;

    SpaceCreateView(SpaceCreateViewModel model, UiLanguage language) {
        super(10);
        this.language = language;
        setId("space-create");
        setPrefWidth(580);
        Label intro = new Label(language.get("ui.hf.create.intro"));
        intro.setWrapText(true);
        grid.setHgap(12);
        grid.setVgap(6);
        grid.setPadding(new Insets(4));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(120);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);

        TextField id = new TextField();
        id.setId("create-space-id");
        id.setPromptText(language.get("ui.hf.editor.space.prompt"));
        id.textProperty().bindBidirectional(model.spaceIdProperty());
        add("ui.hf.editor.space", id, model.spaceErrorProperty());
        TextField name = new TextField();
        name.setId("create-name");
        name.setPromptText(language.get("ui.hf.create.name.prompt"));
        name.textProperty().bindBidirectional(model.nameProperty());
        add("ui.editor.name", name, model.nameErrorProperty());

        ComboBox<SpaceFlavor> flavor = new ComboBox<>(model.flavors());
        flavor.setId("create-flavor");
        flavor.setMaxWidth(Double.MAX_VALUE);
        flavor.setCellFactory(view -> flavorCell());
        flavor.setButtonCell(flavorCell());
        flavor.valueProperty().bindBidirectional(model.flavorProperty());
        add("ui.hf.create.hardware", flavor, null);

        CheckBox privateBox = new CheckBox(language.get("ui.hf.create.private"));
        privateBox.setId("create-private");
        privateBox.selectedProperty().bindBidirectional(model.privateProperty());
        add("ui.hf.create.visibility", privateBox, null);

        ComboBox<Integer> sleep = new ComboBox<>(FXCollections.observableArrayList(model.sleepChoices()));
        sleep.setId("create-sleep");
        sleep.setCellFactory(view -> SleepTimeView.cell(language));
        sleep.setButtonCell(SleepTimeView.cell(language));
        sleep.valueProperty().bindBidirectional(model.sleepProperty());
        sleep.disableProperty().bind(model.sleepAppliesProperty().not());
        add("ui.hf.sleep.label", sleep, null);

        Label note = new Label(language.get("ui.hf.create.note"));
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        getChildren().addAll(intro, grid, note);
    }

    private ListCell<SpaceFlavor> flavorCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(SpaceFlavor item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : language.get("ui.hf.create.flavor", item.name(),
                        item.pricePerHour() == null ? language.get("ui.hf.hardware.priceUnknown")
                                : TargetStateView.usdPerHour(language, item.pricePerHour())));
            }
        };
    }

    private void add(String labelKey, Node control, StringBinding errorKey) {
        Label label = new Label(language.get(labelKey));
        GridPane.setValignment(label, VPos.TOP);
        label.setPadding(new Insets(5, 0, 0, 0));
        VBox box = FieldErrors.under(control, errorKey, language);
        grid.addRow(row++, label, box);
    }
}
