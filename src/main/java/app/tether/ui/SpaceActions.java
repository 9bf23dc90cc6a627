package app.tether.ui;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.HfSpace;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;

/**
 * The Space buttons' view model: each Space's runtime details (sleep time, dev mode, VS Code link) as last
 * loaded, which Space has a change in flight (a second click does nothing), and sending hardware, sleep time
 * and dev mode changes in the background. Every answer updates the row's live state too.
 */
public final class SpaceActions {
    /** A change to send, run off the FX thread. */
    @FunctionalInterface
    interface Change {
        SpaceDetails send(HfSpace space) throws InterruptedException;
    }

    private final SpaceOperations operations;
    private final FxExecutors executors;
    private final ObservableMap<String, SpaceDetails> details = FXCollections.observableHashMap();
    private final ObservableSet<String> busy = FXCollections.observableSet();
    private final ObservableSet<String> loading = FXCollections.observableSet();
    private List<SpaceFlavor> flavors;

    public SpaceActions(SpaceOperations operations, FxExecutors executors) {
        this.operations = operations;
        this.executors = executors;
    }

    /** Last known details of the Space in {@code item}; null before the first load. */
    public SpaceDetails details(TargetItem item) {
        return details.get(item.name());
    }

    public ObservableMap<String, SpaceDetails> detailsMap() {
        return details;
    }

    public ObservableSet<String> busy() {
        return busy;
    }

    public boolean busy(TargetItem item) {
        return busy.contains(item.name());
    }

    /** Loads the details once per Space (again after each change); failures leave the buttons as they were. */
    public CompletableFuture<SpaceDetails> load(TargetItem item) {
        if (!(item.target() instanceof HfSpace space) || !loading.add(item.name())) {
            return CompletableFuture.completedFuture(null);
        }
        return executors.supply(() -> call(() -> operations.details(space))).whenComplete((loaded, failure) -> {
            loading.remove(item.name());
            if (loaded != null) {
                show(item, loaded);
            }
        });
    }

    /** The flavors with specs and prices, fetched once per window. */
    public CompletableFuture<List<SpaceFlavor>> flavors() {
        if (flavors != null) {
            return CompletableFuture.completedFuture(flavors);
        }
        return executors.supply(() -> call(operations::flavors)).thenApply(list -> {
            flavors = list;
            return list;
        });
    }

    public CompletableFuture<SpaceDetails> requestHardware(TargetItem item, String flavor, Integer sleepSeconds) {
        return change(item, space -> operations.requestHardware(space, flavor, sleepSeconds));
    }

    public CompletableFuture<SpaceDetails> setSleepTime(TargetItem item, int seconds) {
        return change(item, space -> operations.setSleepTime(space, seconds));
    }

    public CompletableFuture<SpaceDetails> setDevMode(TargetItem item, boolean on) {
        return change(item, space -> operations.setDevMode(space, on));
    }

    /** The operations behind these buttons (the import dialog and the create wizard use them too). */
    public SpaceOperations operations() {
        return operations;
    }

    /** Sends one change; does nothing (completes with null) while another change of that Space is in flight. */
    CompletableFuture<SpaceDetails> change(TargetItem item, Change change) {
        if (!(item.target() instanceof HfSpace space) || !busy.add(item.name())) {
            return CompletableFuture.completedFuture(null);
        }
        return executors.supply(() -> call(() -> change.send(space))).whenComplete((after, failure) -> {
            busy.remove(item.name());
            if (after != null) {
                show(item, after);
            }
        });
    }

    private void show(TargetItem item, SpaceDetails loaded) {
        details.put(item.name(), loaded);
        if (loaded.live() != null) {
            item.applyLive(loaded.live());
        }
    }

    /** A blocking call whose interruption becomes a TetherException (FxExecutors takes suppliers). */
    private interface Call<T> {
        T run() throws InterruptedException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TetherException(ErrorCode.FAILURE, e, "ui.hf.interrupted");
        }
    }
}
