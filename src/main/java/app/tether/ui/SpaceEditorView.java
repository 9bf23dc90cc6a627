package app.tether.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Add/Edit form of a Hugging Face Space; binds to {@link SpaceEditorViewModel}, each error under its field. */
final class SpaceEditorView extends GridPane {
    private final UiLanguage language;
    private int row;

    SpaceEditorView(SpaceEditorViewModel model, UiLanguage language) {
        this.language = language;
        setId("space-editor");
        setHgap(12);
        setVgap(6);
        setPadding(new Insets(8, 4, 8, 4));
        setPrefWidth(560);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(120);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        getColumnConstraints().setAll(labels, fields);
        add("ui.editor.name", field(new TextField(), "space-name", model.nameProperty(), "ui.hf.editor.name.prompt"),
                model.nameErrorProperty());
        add("ui.hf.editor.space", field(new TextField(), "space-id", model.spaceIdProperty(), "ui.hf.editor.space.prompt"),
                model.spaceErrorProperty());
        Label hint = new Label(language.get("ui.hf.editor.hint"));
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        add(hint, 1, row++);
        add("ui.editor.tags", field(new TextField(), "space-tags", model.tagsProperty(), null), null);
        TextArea notes = field(new TextArea(), "space-notes", model.notesProperty(), null);
        notes.setPrefRowCount(3);
        notes.setWrapText(true);
        add("ui.editor.notes", notes, null);
    }

    private <T extends TextInputControl> T field(T control, String id, StringProperty value, String promptKey) {
        control.setId(id);
        control.textProperty().bindBidirectional(value);
        if (promptKey != null) {
            control.setPromptText(language.get(promptKey));
        }
        return control;
    }

    private void add(String labelKey, TextInputControl control, StringBinding errorKey) {
        Label label = new Label(language.get(labelKey));
        label.setLabelFor(control);
        GridPane.setValignment(label, VPos.TOP);
        label.setPadding(new Insets(5, 0, 0, 0));
        VBox box = FieldErrors.under(control, errorKey, language);
        addRow(row++, label, box);
    }
}
