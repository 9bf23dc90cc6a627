package app.tether.ui;

import app.tether.inventory.HfSpace;
import app.tether.inventory.Inventory;
import app.tether.inventory.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Import Spaces dialog: the Spaces of the account and its organisations, each with a check box; the ones
 * already in the list are shown checked and cannot be picked again. OK adds the picked ones under a free name.
 */
public final class SpaceImportViewModel {
    /** One Space of the account: its id, whether it is in the list already, whether the user picked it. */
    public static final class Row {
        private final String spaceId;
        private final boolean listed;
        private final BooleanProperty picked = new SimpleBooleanProperty();

        Row(String spaceId, boolean listed) {
            this.spaceId = spaceId;
            this.listed = listed;
            picked.set(!listed);
        }

        public String spaceId() {
            return spaceId;
        }

        public boolean listed() {
            return listed;
        }

        public BooleanProperty pickedProperty() {
            return picked;
        }
    }

    private final Inventory inventory;
    private final ObservableList<Row> rows = FXCollections.observableArrayList(row -> new Observable[] {row.picked});
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty(true);
    private final BooleanBinding valid;

    public SpaceImportViewModel(Inventory inventory) {
        this.inventory = inventory;
        valid = Bindings.createBooleanBinding(() -> !loading.get()
                && rows.stream().anyMatch(row -> !row.listed && row.picked.get()), rows, loading);
    }

    /** Shows what the Hub answered (FX thread). */
    public void loaded(List<String> spaceIds) {
        Set<String> listed = inventory.targets().stream().filter(HfSpace.class::isInstance)
                .map(t -> ((HfSpace) t).spaceId()).collect(Collectors.toSet());
        rows.setAll(spaceIds.stream().sorted(String.CASE_INSENSITIVE_ORDER)
                .map(id -> new Row(id, listed.contains(id))).toList());
        loading.set(false);
    }

    /** The Hub could not be asked (FX thread): the dialog shows why. */
    public void failed(String message) {
        status.set(message);
        loading.set(false);
    }

    /**
     * The Spaces to add, named after the Space ("jupyterlab"), or after its whole id when that name is taken
     * ("ada/jupyterlab"), so nothing in the list is overwritten.
     */
    public List<HfSpace> toAdd() {
        List<HfSpace> added = new ArrayList<>();
        Inventory next = inventory;
        for (Row row : rows) {
            if (row.listed || !row.picked.get()) {
                continue;
            }
            String shortName = row.spaceId.substring(row.spaceId.indexOf('/') + 1);
            String name = next.contains(shortName) ? row.spaceId : shortName;
            if (next.contains(name)) {
                continue;
            }
            HfSpace space = new HfSpace(name, row.spaceId, null, List.of(), "", null);
            next = next.add(space);
            added.add(space);
        }
        return added;
    }

    /** The inventory with {@link #toAdd()} added. */
    public Inventory apply(Inventory current) {
        Inventory next = current;
        for (Target space : toAdd()) {
            if (!next.contains(space.name())) {
                next = next.add(space);
            }
        }
        return next;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
