package app.tether.ui;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.MenuItem;

/**
 * The window's Hugging Face flows that are not about one Space: Import Spaces… (the account's Spaces, picked
 * in a dialog) and New JupyterLab Space… (a form, then the build's progress and streamed log until it runs).
 */
final class SpaceMenu {
    private final UiLanguage language;
    private final DialogService dialogs;
    private final MainViewModel model;
    private final Supplier<SpaceActions> spaces;

    /** @param spaces the Space view model, or null until the desktop plugs it in (the entries are disabled) */
    SpaceMenu(UiLanguage language, DialogService dialogs, MainViewModel model, Supplier<SpaceActions> spaces) {
        this.language = language;
        this.dialogs = dialogs;
        this.model = model;
        this.spaces = spaces;
    }

    /** The File menu's entries, disabled while {@code disabled} holds. */
    List<MenuItem> items(ObservableBooleanValue disabled) {
        MenuItem importItem = new MenuItem();
        importItem.setId("menu-import-spaces");
        importItem.textProperty().bind(language.text("ui.hf.import.action"));
        importItem.setOnAction(event -> importSpaces());
        MenuItem create = new MenuItem();
        create.setId("menu-create-space");
        create.textProperty().bind(language.text("ui.hf.create.action"));
        create.setOnAction(event -> createSpace());
        importItem.disableProperty().bind(disabled);
        create.disableProperty().bind(disabled);
        return List.of(importItem, create);
    }

    void importSpaces() {
        SpaceActions actions = spaces.get();
        if (actions == null || model.storeProblemProperty().get() != null) {
            return;
        }
        SpaceImportViewModel picker = new SpaceImportViewModel(model.inventory());
        model.executors().supply(() -> blocking(() -> actions.operations().importable(Progress.NONE)))
                .whenComplete((ids, failure) -> {
                    if (failure != null) {
                        picker.failed(message(failure));
                    } else {
                        picker.loaded(ids);
                    }
                });
        if (dialogs.form(View.SPACE_IMPORT, picker, "ui.hf.import.title", picker.validProperty())) {
            model.importSpaces(picker).thenAccept(added -> dialogs.info("ui.hf.import.title",
                    language.get("ui.hf.import.done", added.size()))).exceptionally(this::fail);
        }
    }

    void createSpace() {
        SpaceActions actions = spaces.get();
        if (actions == null || model.storeProblemProperty().get() != null) {
            return;
        }
        actions.flavors().thenAccept(flavors -> {
            SpaceCreateViewModel form = new SpaceCreateViewModel(model.inventory(), flavors);
            if (!dialogs.form(View.SPACE_CREATE, form, "ui.hf.create.title", form.validProperty())) {
                return;
            }
            SpaceCreateViewModel.Request request = form.toRequest();
            ProgressModel progress = new ProgressModel(model.executors().fx());
            dialogs.progress("ui.hf.create.title", progress);
            model.executors().supply(() -> blocking(() -> actions.operations().create(request, progress)))
                    .thenCompose(space -> model.reload().thenApply(loaded -> {
                        model.select(space.name());
                        return space;
                    }))
                    .thenCompose(space -> model.executors().supply(() -> blocking(
                            () -> actions.operations().follow(space, progress))))
                    .whenComplete((live, failure) -> {
                        if (failure != null) {
                            progress.finish(false, message(failure));
                        } else {
                            model.item(request.name()).ifPresent(item -> item.applyLive(live));
                            progress.finish(true, Messages.get("ui.hf.create.done", request.spaceId()));
                        }
                    });
        }).exceptionally(this::fail);
    }

    /** A blocking call whose interruption becomes a TetherException (the executors take suppliers). */
    private interface Call<T> {
        T run() throws InterruptedException;
    }

    private static <T> T blocking(Call<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TetherException(ErrorCode.FAILURE, e, "ui.hf.interrupted");
        }
    }

    private static String message(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof TetherException e ? e.getLocalizedMessage()
                : Messages.get("error.unexpected", String.valueOf(cause));
    }

    private <T> T fail(Throwable failure) {
        dialogs.error(failure);
        return null;
    }
}
