package app.tether.ui;

import app.tether.ui.ServerEditorViewModel.Field;
import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Add/Edit server form; binds every control to {@link ServerEditorViewModel} and shows each error under its field. */
final class ServerEditorView extends GridPane {
    private final ServerEditorViewModel model;
    private final UiLanguage language;
    private int row;

    ServerEditorView(ServerEditorViewModel model, UiLanguage language) {
        this.model = model;
        this.language = language;
        setId("server-editor");
        setHgap(12);
        setVgap(6);
        setPadding(new Insets(8, 4, 8, 4));
        setPrefWidth(560);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(120);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        getColumnConstraints().setAll(labels, fields);

        TextField name = text("name", model.nameProperty(), "ui.editor.name.prompt");
        add("ui.editor.name", name, Field.NAME);

        ToggleGroup how = new ToggleGroup();
        RadioButton viaHost = new RadioButton();
        viaHost.textProperty().bind(language.text("ui.editor.viaHost"));
        viaHost.setId("via-host");
        viaHost.setToggleGroup(how);
        RadioButton viaAlias = new RadioButton();
        viaAlias.textProperty().bind(language.text("ui.editor.viaAlias"));
        viaAlias.setId("via-alias");
        viaAlias.setToggleGroup(how);
        (model.useAliasProperty().get() ? viaAlias : viaHost).setSelected(true);
        viaAlias.selectedProperty().addListener((obs, old, selected) -> model.useAliasProperty().set(selected));
        add("ui.editor.connection", new HBox(16, viaHost, viaAlias), null);

        ComboBox<String> alias = new ComboBox<>(model.knownAliases());
        alias.setId("alias");
        alias.setEditable(true);
        alias.setMaxWidth(Double.MAX_VALUE);
        alias.getEditor().textProperty().bindBidirectional(model.aliasProperty());
        alias.valueProperty().addListener((obs, old, value) -> {
            if (value != null) {
                model.aliasProperty().set(value);
            }
        });
        alias.disableProperty().bind(model.useAliasProperty().not());
        alias.promptTextProperty().bind(language.text(model.knownAliases().isEmpty()
                ? "ui.editor.alias.none" : "ui.editor.alias.prompt"));
        add("ui.editor.alias", alias, Field.ALIAS);

        Node[] hostFields = {
            add("ui.editor.host", text("host", model.hostProperty(), "ui.editor.host.prompt"), Field.HOST),
            add("ui.editor.user", text("user", model.userProperty(), "ui.editor.user.prompt"), Field.USER),
            add("ui.editor.port", text("port", model.portProperty(), "ui.editor.port.prompt"), Field.PORT),
            add("ui.editor.identity", text("identity", model.identityFileProperty(), "ui.editor.identity.prompt"),
                    Field.IDENTITY),
            add("ui.editor.jump", text("jump", model.jumpHostProperty(), "ui.editor.jump.prompt"), Field.JUMP),
        };
        for (Node field : hostFields) {
            field.disableProperty().bind(model.useAliasProperty());
        }

        add("ui.editor.tags", text("tags", model.tagsProperty(), "ui.editor.tags.prompt"), null);

        ComboBox<String> currency = new ComboBox<>(FXCollections.observableArrayList(
                ServerEditorViewModel.CURRENCIES));
        currency.setId("currency");
        currency.setEditable(true);
        currency.setPrefWidth(100);
        currency.getEditor().textProperty().bindBidirectional(model.priceCurrencyProperty());
        currency.setValue(model.priceCurrencyProperty().get());
        currency.valueProperty().addListener((obs, old, value) -> {
            if (value != null) {
                model.priceCurrencyProperty().set(value);
            }
        });
        TextField amount = text("price", model.priceAmountProperty(), "ui.editor.price.prompt");
        Label perHour = new Label();
        perHour.textProperty().bind(language.text("ui.editor.price.perHour"));
        perHour.getStyleClass().add(Styles.TEXT_MUTED);
        HBox price = new HBox(8, currency, amount, perHour);
        price.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(amount, Priority.ALWAYS);
        add("ui.editor.price", price, Field.PRICE);

        add("ui.editor.jupyterPort", text("jupyter-port", model.jupyterPortProperty(), "ui.editor.jupyterPort.prompt"),
                Field.JUPYTER_PORT);
        add("ui.editor.notebookDir", text("notebook-dir", model.notebookDirProperty(), "ui.editor.notebookDir.prompt"),
                null);
        TextArea forwards = area("forwards", model.forwardsProperty(), "ui.editor.forwards.prompt", 2);
        add("ui.editor.forwards", forwards, Field.FORWARDS);
        add("ui.editor.notes", area("notes", model.notesProperty(), "ui.editor.notes.prompt", 3), null);
        if (model.canTestConnection()) {
            add("ui.editor.test", connectionTest(), null);
        }
    }

    /** "Test connection" and its outcome, shown inline; the test runs in the background. */
    private Node connectionTest() {
        Button test = new Button();
        test.setId("test-connection");
        test.textProperty().bind(language.text("ui.editor.test.button"));
        test.setMinWidth(Region.USE_PREF_SIZE);
        test.disableProperty().bind(model.testingProperty());
        test.setOnAction(event -> model.testConnection());
        Label result = new Label();
        result.setId("test-result");
        result.setWrapText(true);
        result.textProperty().bind(Bindings.createStringBinding(() -> {
            ConnectionTester.Result outcome = model.testResultProperty().get();
            if (model.testingProperty().get()) {
                return language.get("ui.editor.test.running");
            }
            return outcome == null ? "" : outcome.message();
        }, model.testResultProperty(), model.testingProperty(), language.localeProperty()));
        model.testResultProperty().addListener((obs, old, outcome) -> {
            result.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            if (outcome != null) {
                result.getStyleClass().add(outcome.ok() ? Styles.SUCCESS : Styles.DANGER);
            }
        });
        return new VBox(4, test, result);
    }

    private TextField text(String id, StringProperty property, String promptKey) {
        TextField field = new TextField();
        bindInput(field, id, property, promptKey);
        return field;
    }

    private TextArea area(String id, StringProperty property, String promptKey, int rows) {
        TextArea area = new TextArea();
        area.setPrefRowCount(rows);
        area.setWrapText(true);
        bindInput(area, id, property, promptKey);
        return area;
    }

    private void bindInput(TextInputControl input, String id, StringProperty property, String promptKey) {
        input.setId(id);
        input.textProperty().bindBidirectional(property);
        input.promptTextProperty().bind(language.text(promptKey));
    }

    /** Adds a labelled row; with a field, the field's error (if any) is shown right under the control. */
    private Node add(String labelKey, Node control, Field errorField) {
        Label label = new Label();
        label.textProperty().bind(language.text(labelKey));
        label.setLabelFor(control);
        Node cell = control;
        if (errorField != null) {
            Label error = new Label();
            error.setId("error-" + errorField.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
            error.setWrapText(true);
            error.textProperty().bind(Bindings.createStringBinding(() -> {
                String key = model.shownErrorProperty(errorField).get();
                return key == null ? "" : language.get(key);
            }, model.shownErrorProperty(errorField), language.localeProperty()));
            error.visibleProperty().bind(error.textProperty().isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            model.shownErrorProperty(errorField).addListener((obs, old, key) -> markDanger(control, key != null));
            markDanger(control, model.shownErrorProperty(errorField).get() != null);
            cell = new VBox(2, control, error);
        }
        GridPane.setValignment(label, VPos.TOP);
        label.setPadding(new Insets(5, 0, 0, 0));
        addRow(row++, label, cell);
        return control;
    }

    private static void markDanger(Node control, boolean danger) {
        Node target = control instanceof HBox box ? box.getChildren().get(1) : control;
        target.pseudoClassStateChanged(Styles.STATE_DANGER, danger);
    }
}
