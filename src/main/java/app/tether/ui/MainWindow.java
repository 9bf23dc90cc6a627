package app.tether.ui;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** Puts the main view in a stage: icons, title, stylesheet, remembered size and position. */
public final class MainWindow {
    private final Stage stage;
    private final AppContext context;
    private final MainViewModel model;
    private final DialogService dialogs;
    private final MainView view;

    private MainWindow(Stage stage, AppContext context, MainViewModel model, DialogService dialogs, MainView view) {
        this.stage = stage;
        this.context = context;
        this.model = model;
        this.dialogs = dialogs;
        this.view = view;
    }

    /** Plugs in the live features (status refresh, connect, Jupyter). */
    public void setActions(TargetActions actions) {
        view.setActions(actions);
    }

    /** Plugs in the providers' lifecycle actions (Start, Pause, Stop, Restart …) for every kind. */
    public void setCloudActions(CloudActions actions) {
        view.setCloudActions(actions);
    }

    /** Plugs in the idle auto-pause row of the detail pane (the guard's rule and settings). */
    void setIdle(IdleRow row) {
        view.setIdle(row);
    }

    /** Plugs in the Space buttons (Hardware…, Sleep time…, Dev mode, Open in VS Code). */
    public void setSpaceActions(SpaceActions actions) {
        view.setSpaceActions(actions);
    }

    /** Plugs in the CNB part of the detail pane (time left, backup, price, quota; the check before Stop). */
    void setCnbPane(CnbPane cnb) {
        view.setCnbPane(cnb);
    }

    /**
     * Builds the window on {@code stage}, shows it and starts loading the inventory.
     *
     * @param uriOpener opens folders and URLs with the desktop
     * @param quit      what Quit (Ctrl+Q) does
     */
    public static MainWindow show(Stage stage, AppContext context, Consumer<String> uriOpener, Runnable quit) {
        List<Image> icons = AppIcons.load();
        stage.getIcons().setAll(icons);
        MainViewModel model = new MainViewModel(context.environment(), context.store(), context.executors());
        DialogService dialogs = new DialogService(stage, context.language(), uriOpener);
        MainView view = new MainView(context, model, dialogs, quit);
        Scene scene = new Scene(view, WindowPlacement.DEFAULT_WIDTH, WindowPlacement.DEFAULT_HEIGHT);
        scene.getStylesheets().add(ThemeSwitcher.STYLESHEET);
        view.styleProperty().bind(context.language().rootStyle());
        stage.setScene(scene);
        stage.titleProperty().bind(context.language().text("app.name"));
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        WindowPlacement.restore(stage, context.preferences().windowBounds());
        stage.show();
        model.reload().exceptionally(failure -> {
            dialogs.error(failure);
            return null;
        });
        return new MainWindow(stage, context, model, dialogs, view);
    }

    /** Lays the window's notification cards over its content, bottom right. */
    public void showNotices(NoticeBoard board) {
        NoticeArea area = new NoticeArea(board, context.language());
        area.styleProperty().bind(context.language().rootStyle());
        StackPane.setAlignment(area, Pos.BOTTOM_RIGHT);
        stage.getScene().setRoot(new StackPane(view, area));
    }

    /** Shows the window with {@code target} selected (a notice's Open), when it is in the list. */
    public void select(String target) {
        model.items().stream().filter(item -> item.name().equals(target)).findFirst()
                .ifPresent(item -> model.selectedProperty().set(item));
    }

    /**
     * Reloads the list whenever another process (the CLI, a second window) changes the inventory file.
     * Close the returned handle to stop.
     */
    public AutoCloseable followStoreChanges() {
        return context.store().watch(() -> context.executors().fx().execute(() -> model.reload().exceptionally(failure -> {
            dialogs.error(failure);
            return null;
        })));
    }

    /** Writes the window's place to the settings (off the FX thread). */
    public CompletableFuture<Void> rememberPlacement() {
        var bounds = WindowPlacement.of(stage);
        return context.executors().run(() -> context.preferences().setWindowBounds(bounds));
    }

    public Stage stage() {
        return stage;
    }

    public MainViewModel model() {
        return model;
    }

    public UiLanguage language() {
        return context.language();
    }

    public DialogService dialogs() {
        return dialogs;
    }
}
