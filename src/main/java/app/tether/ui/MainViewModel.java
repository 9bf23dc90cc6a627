package app.tether.ui;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.HfSpace;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshConfigImport;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.inventory.TargetSummary;
import app.tether.probe.ServerStatus;
import app.tether.probe.StatusHistory;
import app.tether.providers.LiveState;
import app.tether.ssh.SshConfigFile;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the main window: the targets, the filter, the selection and whether the inventory file can be
 * used. Disk work runs on the background executor; results land on the FX executor.
 */
public final class MainViewModel {
    private final Environment environment;
    private final InventoryStore store;
    private final FxExecutors executors;

    /** Rows report changes of their state and notebook address as list updates (the tray menu follows them). */
    private final ObservableList<TargetItem> items = FXCollections.observableArrayList(
            item -> new Observable[] {item.stateProperty(), item.notebookUrlProperty()});
    private final FilteredList<TargetItem> visibleItems = new FilteredList<>(items);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<TargetItem> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<StoreProblem> storeProblem = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding empty;
    private final BooleanBinding noMatches;
    private final BooleanBinding selectionEditable;
    private volatile Inventory inventory = Inventory.empty();
    private StatusHistory history = new StatusHistory();

    public MainViewModel(Environment environment, InventoryStore store, FxExecutors executors) {
        this.environment = environment;
        this.store = store;
        this.executors = executors;
        filter.addListener((obs, old, text) -> visibleItems.setPredicate(item -> matches(item, text)));
        empty = Bindings.createBooleanBinding(() -> items.isEmpty() && storeProblem.get() == null, items, storeProblem);
        noMatches = Bindings.createBooleanBinding(() -> !items.isEmpty() && visibleItems.isEmpty(), items, visibleItems);
        selectionEditable = Bindings.createBooleanBinding(
                () -> selected.get() != null && (selected.get().target() instanceof SshServer
                        || selected.get().target() instanceof HfSpace) && storeProblem.get() == null,
                selected, storeProblem);
    }

    /** Reads the inventory file again; a damaged or too-new file becomes a {@link StoreProblem}. */
    public CompletableFuture<Void> reload() {
        return inBackground(store::load).handle((loaded, failure) -> {
            if (failure == null) {
                show(loaded);
                return null;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof TetherException e && isStoreProblem(e)) {
                return null; // the window shows it in place of the list
            }
            throw failure instanceof CompletionException c ? c : new CompletionException(failure);
        });
    }

    /** A form for a new SSH server (reads ~/.ssh/config off the FX thread for the alias list). */
    public CompletableFuture<ServerEditorViewModel> newServerEditor() {
        return newServerEditor(ConnectionTester.NONE);
    }

    /** An empty Add form whose "Test connection" uses {@code tester}. */
    public CompletableFuture<ServerEditorViewModel> newServerEditor(ConnectionTester tester) {
        Inventory current = inventory;
        return executors.supply(this::readAliases)
                .thenApply(aliases -> new ServerEditorViewModel(current, aliases, environment.userHome(), null, tester));
    }

    /** A form that edits {@code server}. */
    public CompletableFuture<ServerEditorViewModel> editorFor(SshServer server) {
        return editorFor(server, ConnectionTester.NONE);
    }

    /** A form that edits {@code server}, testing connections with {@code tester}. */
    public CompletableFuture<ServerEditorViewModel> editorFor(SshServer server, ConnectionTester tester) {
        Inventory current = inventory;
        return executors.supply(this::readAliases)
                .thenApply(aliases -> new ServerEditorViewModel(current, aliases, environment.userHome(), server,
                        tester));
    }

    /** Saves what the form describes: adds a new server or replaces the one being edited. */
    public CompletableFuture<SshServer> save(ServerEditorViewModel editor) {
        SshServer server = editor.toServer();
        String editing = editor.editing() == null ? null : editor.editing().name();
        return inBackground(() -> store.update(current -> editing == null ? current.add(server)
                        : current.replace(editing, server)))
                .thenApply(next -> {
                    show(next);
                    select(server.name());
                    return server;
                });
    }

    /** Saves a Space form: adds the Space or replaces the one being edited. */
    public CompletableFuture<HfSpace> saveSpace(SpaceEditorViewModel editor) {
        HfSpace space = editor.toSpace();
        String editing = editor.editing() == null ? null : editor.editing().name();
        return inBackground(() -> store.update(current -> editing == null ? current.add(space)
                        : current.replace(editing, space)))
                .thenApply(next -> {
                    show(next);
                    select(space.name());
                    return space;
                });
    }

    /** Adds the Spaces picked in the import dialog; returns the ones added. */
    public CompletableFuture<List<HfSpace>> importSpaces(SpaceImportViewModel picker) {
        List<HfSpace> added = picker.toAdd();
        return inBackground(() -> store.update(picker::apply)).thenApply(next -> {
            show(next);
            return added;
        });
    }

    public CompletableFuture<Void> remove(String name) {
        return inBackground(() -> store.update(current -> current.remove(name))).thenAccept(this::show);
    }

    /** Adds every concrete Host alias of ~/.ssh/config that is not in the list yet. */
    public CompletableFuture<SshConfigImport.Result> importSshConfig() {
        return inBackground(() -> {
            List<String> aliases = readImportableAliases();
            SshConfigImport.Result[] result = new SshConfigImport.Result[1];
            store.update(current -> {
                result[0] = SshConfigImport.apply(current, aliases);
                return result[0].inventory();
            });
            return result[0];
        }).thenApply(result -> {
            show(result.inventory());
            return result;
        });
    }

    public void select(String name) {
        items.stream().filter(item -> Inventory.normalizeName(item.name()).equals(Inventory.normalizeName(name)))
                .findFirst().ifPresent(selected::set);
    }

    /** Runs store work off the FX thread; a damaged store becomes the window's {@link StoreProblem}. */
    private <T> CompletableFuture<T> inBackground(Supplier<T> work) {
        return executors.supply(work).whenComplete((value, failure) -> {
            if (failure instanceof TetherException e && isStoreProblem(e)) {
                items.clear();
                inventory = Inventory.empty();
                storeProblem.set(new StoreProblem(store.file(), e));
            }
        });
    }

    private static boolean isStoreProblem(TetherException e) {
        return e.code() == ErrorCode.STORE_CORRUPT || e.code() == ErrorCode.STORE_TOO_NEW;
    }

    /** Puts a loaded inventory in the list, keeping the row (and what it knows) of every target still there. */
    private void show(Inventory loaded) {
        inventory = loaded;
        storeProblem.set(null);
        String selectedName = selected.get() == null ? null : selected.get().name();
        Map<String, TargetItem> old = new HashMap<>();
        items.forEach(item -> old.put(Inventory.normalizeName(item.name()), item));
        List<TargetItem> next = new ArrayList<>();
        for (Target target : loaded.targets()) {
            TargetItem item = old.get(Inventory.normalizeName(target.name()));
            if (item == null) {
                item = new TargetItem(target);
            } else {
                item.targetProperty().set(target);
            }
            next.add(item);
        }
        items.setAll(next);
        selected.set(null);
        if (selectedName != null) {
            select(selectedName);
        }
    }

    private List<String> readAliases() {
        return readConfig().aliases();
    }

    /** What File > Import adds: the same as {@code tether import-ssh-config} (Tether's own blocks skipped). */
    private List<String> readImportableAliases() {
        return readConfig().importableAliases();
    }

    private SshConfigFile readConfig() {
        try {
            return SshConfigFile.read(environment.sshConfig(), environment.sshDir());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.sshConfig.read", environment.sshConfig(), e.getMessage());
        }
    }

    static boolean matches(TargetItem item, String filterText) {
        if (filterText == null || filterText.isBlank()) {
            return true;
        }
        String wanted = fold(filterText);
        Target target = item.target();
        if (fold(target.name()).contains(wanted) || fold(TargetSummary.address(target)).contains(wanted)
                || fold(target.notes()).contains(wanted)) {
            return true;
        }
        return target.tags().stream().anyMatch(tag -> fold(tag).contains(wanted));
    }

    private static String fold(String text) {
        return text == null ? "" : Normalizer.normalize(text.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** A probe result for one target (call on the FX thread); results for targets no longer listed are dropped. */
    public void applyStatus(ServerStatus status) {
        item(status.target()).ifPresent(row -> row.apply(status));
    }

    /** A provider's report for one target (FX thread); reports for targets no longer listed are dropped. */
    public void applyLive(String name, LiveState live) {
        item(name).ifPresent(row -> row.applyLive(live));
    }

    /** Every target in the list, for refreshers that run off the FX thread. */
    public List<Target> targets() {
        return inventory.targets();
    }

    /** Where GPU sparklines read the last 15 minutes from (the refresher's history once it runs). */
    public StatusHistory history() {
        return history;
    }

    public void setHistory(StatusHistory history) {
        this.history = history;
    }

    public Inventory inventory() {
        return inventory;
    }

    public ObservableList<TargetItem> items() {
        return items;
    }

    public ObservableList<TargetItem> visibleItems() {
        return visibleItems;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<TargetItem> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<StoreProblem> storeProblemProperty() {
        return storeProblem.getReadOnlyProperty();
    }

    /** True when there is nothing to show and nothing is wrong: the "add your first server" state. */
    public BooleanBinding emptyProperty() {
        return empty;
    }

    /** True when the filter hides every target. */
    public BooleanBinding noMatchesProperty() {
        return noMatches;
    }

    /** True when the selected target can be edited or removed here. */
    public BooleanBinding selectionEditableProperty() {
        return selectionEditable;
    }

    public Environment environment() {
        return environment;
    }

    public FxExecutors executors() {
        return executors;
    }

    /** Used by later features (probe listener) to find the row of a target. */
    public Optional<TargetItem> item(String name) {
        return items.stream().filter(i -> Inventory.normalizeName(i.name()).equals(Inventory.normalizeName(name)))
                .findFirst();
    }

    /** The SSH servers in the list, for refreshers that run off the FX thread. */
    public List<SshServer> sshServers() {
        return inventory.targets().stream().filter(SshServer.class::isInstance).map(SshServer.class::cast).toList();
    }
}
