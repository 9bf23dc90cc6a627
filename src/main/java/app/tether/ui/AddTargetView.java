package app.tether.ui;

import javafx.scene.Node;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Add dialog's content: a choice of kind (SSH server or Hugging Face Space) over that kind's form. */
final class AddTargetView extends VBox {
    AddTargetView(AddTargetViewModel model, UiLanguage language) {
        super(8);
        setId("add-target");
        ToggleGroup kinds = new ToggleGroup();
        RadioButton ssh = new RadioButton(language.get("kind.ssh"));
        ssh.setId("add-kind-ssh");
        ssh.setToggleGroup(kinds);
        RadioButton space = new RadioButton(language.get("kind.hf-space"));
        space.setId("add-kind-hf");
        space.setToggleGroup(kinds);
        (model.addingSpaceProperty().get() ? space : ssh).setSelected(true);
        space.selectedProperty().addListener((obs, old, selected) -> model.addingSpaceProperty().set(selected));
        Node serverForm = new ServerEditorView(model.server(), language);
        Node spaceForm = new SpaceEditorView(model.space(), language);
        serverForm.visibleProperty().bind(model.addingSpaceProperty().not());
        spaceForm.visibleProperty().bind(model.addingSpaceProperty());
        getChildren().addAll(new HBox(16, ssh, space), new StackPane(serverForm, spaceForm));
    }
}
