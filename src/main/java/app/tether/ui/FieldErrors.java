package app.tether.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A form control with its validation message (id {@code <control id>-error}) shown right under it. */
final class FieldErrors {
    private FieldErrors() {
    }

    /** {@code control} alone when {@code errorKey} is null, else with a label showing the key's text while set. */
    static VBox under(Node control, StringBinding errorKey, UiLanguage language) {
        VBox box = new VBox(2, control);
        if (errorKey != null) {
            Label error = new Label();
            error.setId(control.getId() + "-error");
            error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
            error.setWrapText(true);
            error.textProperty().bind(Bindings.createStringBinding(
                    () -> errorKey.get() == null ? "" : language.get(errorKey.get()), errorKey));
            error.visibleProperty().bind(errorKey.isNotNull());
            error.managedProperty().bind(error.visibleProperty());
            box.getChildren().add(error);
        }
        return box;
    }
}
