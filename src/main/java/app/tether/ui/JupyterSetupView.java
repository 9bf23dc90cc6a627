package app.tether.ui;

import app.tether.jupyter.InstallMode;
import app.tether.jupyter.ServiceKind;
import atlantafx.base.theme.Styles;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The Jupyter setup wizard: environment, install options, port, token or password, service kind, extras. */
final class JupyterSetupView extends GridPane {
    private final UiLanguage language;
    private int row;

    JupyterSetupView(JupyterSetupViewModel model, UiLanguage language) {
        this.language = language;
        setId("jupyter-setup");
        setHgap(12);
        setVgap(8);
        setPadding(new Insets(8, 4, 8, 4));
        setPrefWidth(580);
        // Labels keep their whole text ("Python environment"); the fields take what is left.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        getColumnConstraints().setAll(labels, fields);

        Label intro = new Label(language.get("ui.jupyter.intro", model.target().name()));
        intro.setWrapText(true);
        add(intro, 0, row++, 2, 1);

        add("ui.jupyter.environment", text("jupyter-env", model.environmentProperty(), "ui.jupyter.environment.prompt"));
        ComboBox<InstallMode> install = new ComboBox<>();
        install.setId("jupyter-install");
        install.getItems().setAll(InstallMode.values());
        install.valueProperty().bindBidirectional(model.installProperty());
        named(install, mode -> "ui.jupyter.install." + mode.name().toLowerCase(Locale.ROOT));
        add("ui.jupyter.install", install);
        add("ui.jupyter.indexUrl", text("jupyter-index", model.indexUrlProperty(), "ui.jupyter.indexUrl.prompt"));
        add("ui.jupyter.port", text("jupyter-port", model.portProperty(), "ui.jupyter.port.prompt"));
        add("ui.jupyter.notebookDir", text("jupyter-dir", model.notebookDirProperty(), "ui.editor.notebookDir.prompt"));

        ToggleGroup secret = new ToggleGroup();
        RadioButton token = new RadioButton(language.get("ui.jupyter.token"));
        token.setToggleGroup(secret);
        token.setId("jupyter-token");
        RadioButton password = new RadioButton(language.get("ui.jupyter.password"));
        token.setWrapText(true);
        password.setWrapText(true);
        password.setToggleGroup(secret);
        password.setId("jupyter-use-password");
        (model.usePasswordProperty().get() ? password : token).setSelected(true);
        password.selectedProperty().addListener((obs, old, now) -> model.usePasswordProperty().set(now));
        add("ui.jupyter.secret", flow(token, password));
        PasswordField first = new PasswordField();
        first.setId("jupyter-password");
        first.textProperty().bindBidirectional(model.passwordProperty());
        PasswordField again = new PasswordField();
        again.setId("jupyter-password-again");
        again.textProperty().bindBidirectional(model.passwordAgainProperty());
        again.setPromptText(language.get("ui.jupyter.password.again"));
        HBox passwords = new HBox(8, first, again);
        HBox.setHgrow(first, Priority.ALWAYS);
        HBox.setHgrow(again, Priority.ALWAYS);
        passwords.disableProperty().bind(model.usePasswordProperty().not());
        add("ui.jupyter.password.label", passwords);

        ComboBox<ServiceKind> service = new ComboBox<>();
        service.setId("jupyter-service");
        service.getItems().setAll(ServiceKind.values());
        service.valueProperty().bindBidirectional(model.serviceProperty());
        named(service, kind -> "ui.jupyter.service." + kind.name().toLowerCase(Locale.ROOT));
        add("ui.jupyter.service", service);

        CheckBox chinese = check("jupyter-zh", "ui.jupyter.extra.zh", model.chineseProperty());
        CheckBox lsp = check("jupyter-lsp", "ui.jupyter.extra.lsp", model.lspProperty());
        add("ui.jupyter.extras", flow(chinese, lsp));
        CheckBox network = check("jupyter-network", "ui.jupyter.network", model.openToNetworkProperty());
        network.getStyleClass().add(Styles.WARNING);
        add("ui.jupyter.access", network);

        Label error = new Label();
        error.setId("jupyter-error");
        error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        error.setWrapText(true);
        error.textProperty().bind(Bindings.createStringBinding(() -> model.errorProperty().get() == null ? ""
                : language.get(model.errorProperty().get()), model.errorProperty()));
        add(error, 0, row++, 2, 1);
    }

    private TextField text(String id, StringProperty property, String promptKey) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        field.setPromptText(language.get(promptKey));
        return field;
    }

    /** Choices side by side while they fit, one under the other when they do not. */
    private static FlowPane flow(Node... choices) {
        FlowPane pane = new FlowPane(16, 6, choices);
        pane.setPrefWrapLength(360);
        return pane;
    }

    private CheckBox check(String id, String key, BooleanProperty property) {
        CheckBox box = new CheckBox(language.get(key));
        box.setId(id);
        box.setWrapText(true);
        box.selectedProperty().bindBidirectional(property);
        return box;
    }

    private <T> void named(ComboBox<T> box, Function<T, String> key) {
        Supplier<ListCell<T>> cell = () -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : language.get(key.apply(item)));
            }
        };
        box.setCellFactory(list -> cell.get());
        box.setButtonCell(cell.get());
    }

    private void add(String labelKey, Node control) {
        Label label = new Label(language.get(labelKey));
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(control);
        addRow(row++, label, control);
    }
}
