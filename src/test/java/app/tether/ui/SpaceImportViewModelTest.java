package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.HfSpace;
import app.tether.inventory.Inventory;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Import Spaces dialog's choices: what is already listed, what gets added and under which name. */
class SpaceImportViewModelTest {
    private final Inventory inventory = Inventory.empty()
            .add(new HfSpace("lab", "ada/lab", null, null, null, null))
            .add(SshServer.ofHost("notebook", "gpu.example.com", null, null, null, null));

    @Test
    void listedSpacesStayCheckedAndOthersArePickedByDefault() {
        SpaceImportViewModel picker = new SpaceImportViewModel(inventory);
        assertFalse(picker.validProperty().get(), "nothing to add while loading");
        picker.loaded(List.of("ada/lab", "team/notebook", "ada/demo"));

        assertEquals(List.of("ada/demo", "ada/lab", "team/notebook"),
                picker.rows().stream().map(SpaceImportViewModel.Row::spaceId).toList());
        assertTrue(picker.rows().get(1).listed());
        assertTrue(picker.validProperty().get());

        Inventory next = picker.apply(inventory);
        assertEquals(List.of("lab", "notebook", "demo", "team/notebook"), next.targets().stream().map(Target::name).toList());
        assertEquals("team/notebook", ((HfSpace) next.require("team/notebook")).spaceId(),
                "a name already used by another target gets the whole id");
    }

    @Test
    void okIsOffWhenEverythingIsUnpickedOrListed() {
        SpaceImportViewModel picker = new SpaceImportViewModel(inventory);
        picker.loaded(List.of("ada/lab", "ada/demo"));
        picker.rows().get(0).pickedProperty().set(false);
        assertFalse(picker.validProperty().get());
        assertEquals(List.of(), picker.toAdd());
    }

    @Test
    void aFailureIsShownAndNothingCanBeAdded() {
        SpaceImportViewModel picker = new SpaceImportViewModel(inventory);
        picker.failed("Hugging Face refused the token");
        assertEquals("Hugging Face refused the token", picker.statusProperty().get());
        assertFalse(picker.loadingProperty().get());
        assertFalse(picker.validProperty().get());
    }
}
