package app.tether.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** The Add dialog: which kind of machine is being added, and the form of each kind. */
public final class AddTargetViewModel {
    private final ServerEditorViewModel server;
    private final SpaceEditorViewModel space;
    private final BooleanProperty addingSpace = new SimpleBooleanProperty(false);
    private final BooleanBinding valid;

    public AddTargetViewModel(ServerEditorViewModel server, SpaceEditorViewModel space) {
        this.server = server;
        this.space = space;
        valid = Bindings.createBooleanBinding(() -> addingSpace.get() ? space.validProperty().get()
                : server.validProperty().get(), addingSpace, space.validProperty(), server.validProperty());
    }

    public ServerEditorViewModel server() {
        return server;
    }

    public SpaceEditorViewModel space() {
        return space;
    }

    /** True while the Hugging Face Space form is chosen. */
    public BooleanProperty addingSpaceProperty() {
        return addingSpace;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
