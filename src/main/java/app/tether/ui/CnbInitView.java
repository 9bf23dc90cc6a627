package app.tether.ui;

import app.tether.inventory.HourlyPrice;
import app.tether.providers.cnb.CnbProvider;
import app.tether.providers.cnb.CnbRunners;
import app.tether.providers.cnb.CnbScaffold;
import app.tether.workflow.StartPrice;
import atlantafx.base.theme.Styles;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** The CNB workspace wizard's form: folder, GPU, image, JupyterLab, model mirror, and both files previewed. */
final class CnbInitView extends VBox {
    private final UiLanguage language;
    private final GridPane grid = new GridPane();
    private int row;

    CnbInitView(CnbInitViewModel model, UiLanguage language) {
        super(10);
        this.language = language;
        setId("cnb-init");
        setPrefWidth(860);
        // Wide enough for the Dockerfile's lines; the dialog otherwise sizes to the wrapped intro.
        setMinWidth(820);
        setPadding(new Insets(4, 8, 0, 8));
        Label intro = new Label(language.get("cnb.ui.init.intro"));
        intro.setWrapText(true);
        grid.setHgap(12);
        grid.setVgap(6);
        grid.setPadding(new Insets(4));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(130);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);

        TextField folder = new TextField();
        folder.setId("cnb-init-folder");
        folder.setPromptText(language.get("cnb.ui.init.folder.prompt"));
        folder.textProperty().bindBidirectional(model.folderProperty());
        Button choose = new Button(language.get("cnb.ui.init.folder.choose"));
        choose.setId("cnb-init-choose");
        choose.setMinWidth(Button.USE_PREF_SIZE);
        choose.setOnAction(event -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(language.get("cnb.ui.init.folder"));
            File picked = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (picked != null) {
                model.folderProperty().set(picked.getAbsolutePath());
            }
        });
        HBox.setHgrow(folder, Priority.ALWAYS);
        HBox folderLine = new HBox(8, folder, choose);
        VBox folderBox = FieldErrors.under(folderLine, model.folderErrorProperty(), language);
        // FieldErrors names the error after the control it is given; the folder's is the text field's.
        folderBox.getChildren().get(1).setId("cnb-init-folder-error");
        addRow("cnb.ui.init.folder", folderBox);

        ComboBox<String> gpu = new ComboBox<>(FXCollections.observableArrayList(
                CnbInitViewModel.gpuRunners().stream().map(CnbRunners.Runner::key).toList()));
        gpu.setId("cnb-init-gpu");
        gpu.setMaxWidth(Double.MAX_VALUE);
        gpu.setCellFactory(view -> runnerCell());
        gpu.setButtonCell(runnerCell());
        gpu.valueProperty().bindBidirectional(model.gpuProperty());
        addRow("cnb.ui.init.gpu", gpu);

        TextField image = new TextField();
        image.setId("cnb-init-image");
        image.textProperty().bindBidirectional(model.imageProperty());
        addRow("cnb.ui.init.image", FieldErrors.under(image, model.imageErrorProperty(), language));

        CheckBox jupyter = new CheckBox(language.get("cnb.ui.init.jupyter"));
        jupyter.setId("cnb-init-jupyter");
        jupyter.selectedProperty().bindBidirectional(model.jupyterProperty());
        CheckBox mirror = new CheckBox(language.get("cnb.ui.init.hfMirror"));
        mirror.setId("cnb-init-mirror");
        // HF_HOME: an underscore here is text, not a keyboard mnemonic.
        mirror.setMnemonicParsing(false);
        mirror.selectedProperty().bindBidirectional(model.hfMirrorProperty());
        addRow("cnb.ui.init.extras", new VBox(6, jupyter, mirror));

        getChildren().addAll(intro, grid, conflicts(model), preview(model));
    }

    /** Shown while files in the folder differ: which ones, and the explicit choice to replace them. */
    private Node conflicts(CnbInitViewModel model) {
        Label warning = new Label();
        warning.setId("cnb-init-conflict");
        warning.setWrapText(true);
        warning.getStyleClass().add(Styles.WARNING);
        StringBinding text = Bindings.createStringBinding(() -> model.differing().isEmpty() ? ""
                : language.get("cnb.ui.init.conflict", String.join(", ", model.differing())), model.differing());
        warning.textProperty().bind(text);
        CheckBox overwrite = new CheckBox(language.get("cnb.ui.init.overwrite"));
        overwrite.setId("cnb-init-overwrite");
        overwrite.selectedProperty().bindBidirectional(model.overwriteProperty());
        VBox box = new VBox(6, warning, overwrite);
        box.setId("cnb-init-conflicts");
        box.setPadding(new Insets(0, 4, 0, 4));
        box.visibleProperty().bind(Bindings.isNotEmpty(model.differing()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Both files as they will be written, one tab each. */
    private Node preview(CnbInitViewModel model) {
        Label title = new Label(language.get("cnb.ui.init.preview"));
        title.getStyleClass().add(Styles.TITLE_4);
        TabPane tabs = new TabPane(tab("cnb-init-preview-yml", CnbScaffold.CNB_YML, model.cnbYmlProperty()),
                tab("cnb-init-preview-dockerfile", CnbScaffold.DOCKERFILE, model.dockerfileProperty()));
        tabs.setId("cnb-init-preview");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox box = new VBox(6, title, tabs);
        VBox.setVgrow(box, Priority.ALWAYS);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    private static Tab tab(String id, String file, javafx.beans.value.ObservableStringValue text) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.getStyleClass().add("log-view");
        area.setPrefRowCount(16);
        area.textProperty().bind(text);
        return new Tab(file, area);
    }

    private ListCell<String> runnerCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String key, boolean empty) {
                super.updateItem(key, empty);
                if (empty || key == null) {
                    setText(null);
                    return;
                }
                CnbRunners.Runner runner = CnbRunners.standard().find(key).orElseThrow();
                CnbRunners.Pricing pricing = CnbRunners.standard().pricing();
                String text = language.get("cnb.ui.init.runner", key, CnbProvider.describe(runner),
                        StartPrice.money(new HourlyPrice(pricing.currency(), pricing.perHour(runner))));
                setText(runner.note() == null ? text : language.get("cnb.ui.init.runner.note", text, runner.note()));
            }
        };
    }

    private void addRow(String labelKey, Node control) {
        Label label = new Label(language.get(labelKey));
        GridPane.setValignment(label, VPos.TOP);
        label.setPadding(new Insets(5, 0, 0, 0));
        grid.addRow(row++, label, control);
    }
}
