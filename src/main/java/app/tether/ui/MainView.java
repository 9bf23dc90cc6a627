package app.tether.ui;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.HfSpace;
import app.tether.inventory.SshConfigImport;
import app.tether.inventory.SshServer;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.jupyter.JupyterStatus;
import app.tether.providers.Providers;
import app.tether.providers.StateCache;
import app.tether.workflow.Lifecycle;
import app.tether.settings.Preferences;
import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;
import javafx.scene.text.TextAlignment;

/** The main window's content: menu, toolbar, search, target list, detail pane, empty and error states. */
final class MainView extends BorderPane {
    private final AppContext context;
    private final MainViewModel model;
    private final DialogService dialogs;
    private final UiLanguage language;
    private final Runnable quit;
    private final TextField search = new TextField();
    private final ListView<TargetItem> list;
    private TargetActions actions = TargetActions.NONE;
    private final ActionRow actionRow;
    /** True once the live features are plugged in (Connect and friends work). */
    private final BooleanProperty connectAvailable = new SimpleBooleanProperty();
    private final CloudPane cloudPane;
    private final SpaceMenu spaceMenu;
    /** True until the desktop plugs in the Space actions (import and create need Hugging Face). */
    private final BooleanProperty spacesMissing = new SimpleBooleanProperty(true);
    private SpaceActions spaceActions;
    private DetailPane detail;

    MainView(AppContext context, MainViewModel model, DialogService dialogs, Runnable quit) {
        this.context = context;
        this.model = model;
        this.dialogs = dialogs;
        this.language = context.language();
        this.quit = quit;
        setId("main-view");
        actionRow = new ActionRow(language);

        list = new ListView<>(model.visibleItems());
        list.setId("target-list");
        list.setCellFactory(view -> new TargetCell(language));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> model.selectedProperty().set(item));
        model.selectedProperty().addListener((obs, old, item) -> {
            if (item != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(item);
            }
        });
        list.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DELETE) {
                removeSelected();
                event.consume();
            } else if (event.getCode() == KeyCode.ENTER) {
                editSelected();
                event.consume();
            }
        });
        list.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                editSelected();
            }
        });
        language.localeProperty().addListener(obs -> list.refresh());

        search.setId("search");
        search.promptTextProperty().bind(language.text("ui.search.prompt"));
        search.textProperty().bindBidirectional(model.filterProperty());
        search.setPrefWidth(240);

        cloudPane = new CloudPane(language, dialogs, new CloudActions(new Lifecycle(new Providers(),
                StateCache.in(context.environment())), context.executors()), () -> {
            if (detail != null) {
                detail.refresh();
            }
        });
        spaceMenu = new SpaceMenu(language, dialogs, model, () -> spaceActions);
        setTop(new VBox(menuBar(), toolBar()));
        setCenter(center());
        setBottom(statusBar());
    }

    private MenuBar menuBar() {
        ObservableBooleanValue storeBroken = model.storeProblemProperty().isNotNull();
        Menu file = menu("ui.menu.file",
                item("menu-add", "ui.action.add", "Shortcut+N", this::addServer, storeBroken),
                item("menu-import", "ui.action.import", null, this::importSshConfig, storeBroken),
                new SeparatorMenuItem(),
                item("menu-settings", "ui.action.settings", "Shortcut+Comma", this::openSettings, null),
                new SeparatorMenuItem(),
                item("menu-quit", "ui.action.quit", "Shortcut+Q", quit, null));
        file.getItems().addAll(2, spaceMenu.items(spacesMissing.or(storeBroken)));
        // After Import Spaces… and New JupyterLab Space…: it writes files only, so it works without a store.
        file.getItems().add(4, new CnbMenu(language, dialogs, context.executors()).item());
        BooleanExpression noEditable = model.selectionEditableProperty().not();
        Menu edit = menu("ui.menu.edit",
                item("menu-edit", "ui.action.edit", "Shortcut+E", this::editSelected, noEditable),
                item("menu-remove", "ui.action.remove", null, this::removeSelected, noEditable),
                new SeparatorMenuItem(),
                item("menu-find", "ui.action.find", "Shortcut+F", this::focusSearch, null));
        ObservableBooleanValue noConnect = connectAvailable.not().or(noEditable);
        Menu view = menu("ui.menu.view",
                item("menu-refresh", "ui.action.refresh", "F5", this::refresh, null),
                item("menu-tunnels", "ui.action.tunnels", "Shortcut+T", () -> actions.showTunnels(),
                        connectAvailable.not()),
                item("menu-spend", "ui.action.spend", "Shortcut+Shift+S", this::showSpend, null));
        Menu help = menu("ui.menu.help",
                item("menu-about", "ui.action.about", null, this::showAbout, null));
        Menu server = menu("ui.menu.server",
                item("menu-connect", "ui.action.connect", "Shortcut+O", () -> onAnySelected(actions::openNotebook),
                        noConnectAny()),
                item("menu-copy-url", "ui.action.copyUrl", "Shortcut+Shift+C", () -> onSelected(actions::copyNotebookUrl),
                        noConnect),
                item("menu-vscode", "ui.action.vscode", "Shortcut+Shift+V", () -> onSelected(actions::openInVsCode),
                        noConnect),
                item("menu-jetbrains", "ui.action.jetbrains", "Shortcut+Shift+J", () -> onSelected(actions::openInJetBrains),
                        noConnect),
                new SeparatorMenuItem(),
                item("menu-jupyter-setup", "ui.jupyter.action.setup", null, () -> onSelected(actions::setUpJupyter), noConnect),
                item("menu-jupyter-start", "ui.jupyter.action.start", null, () -> onSelected(actions::startJupyter), noConnect),
                item("menu-jupyter-stop", "ui.jupyter.action.stop", null, () -> onSelected(actions::stopJupyter), noConnect),
                item("menu-jupyter-logs", "ui.jupyter.action.logs", null, () -> onSelected(actions::showJupyterLogs), noConnect),
                item("menu-jupyter-remove", "ui.jupyter.action.remove", null, () -> onSelected(actions::removeJupyter),
                        noConnect),
                new SeparatorMenuItem(),
                item("menu-terminal", "ui.action.terminal", "Shortcut+Shift+T", () -> onSelected(actions::openTerminal),
                        noConnect));
        MenuBar bar = new MenuBar(file, edit, view, server, help);
        bar.setId("menu-bar");
        return bar;
    }

    private ToolBar toolBar() {
        BooleanExpression noEditable = model.selectionEditableProperty().not();
        ObservableBooleanValue storeBroken = model.storeProblemProperty().isNotNull();
        Button add = button("add-button", "ui.action.add", this::addServer, storeBroken);
        add.getStyleClass().add(Styles.ACCENT);
        Button edit = button("edit-button", "ui.action.edit", this::editSelected, noEditable);
        Button remove = button("remove-button", "ui.action.remove", this::removeSelected, noEditable);
        Button importButton = button("import-button", "ui.action.import", this::importSshConfig, storeBroken);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button settings = button("settings-button", "ui.action.settings", this::openSettings, null);
        ToolBar bar = new ToolBar(add, edit, remove, new Separator(Orientation.VERTICAL),
                importButton, new Separator(Orientation.VERTICAL), connectButton("connect-button"),
                spacer, search, settings);
        bar.setId("tool-bar");
        return bar;
    }

    /** Connect stays disabled until tunnels exist; the tooltip sits on a wrapper because disabled controls show none. */
    private Node connectButton(String id) {
        Button connect = button(id, "ui.action.connect", () -> onAnySelected(actions::openNotebook), noConnectAny());
        connect.getStyleClass().add(Styles.SUCCESS);
        StackPane wrapper = new StackPane(connect);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.when(connectAvailable)
                .then(language.text("ui.action.connect.tip")).otherwise(language.text("ui.action.connect.unavailable")));
        Tooltip.install(wrapper, tip);
        return wrapper;
    }

    /** Connect works for every kind (cloud targets start first): a selection and a readable store are enough. */
    private ObservableBooleanValue noConnectAny() {
        return connectAvailable.not().or(model.selectedProperty().isNull()).or(model.storeProblemProperty().isNotNull());
    }

    private void onAnySelected(Consumer<TargetItem> action) {
        TargetItem item = model.selectedProperty().get();
        if (item != null && model.storeProblemProperty().get() == null) {
            action.accept(item);
        }
    }

    private void onSelected(Consumer<TargetItem> action) {
        TargetItem item = model.selectedProperty().get();
        if (item != null && model.selectionEditableProperty().get()) {
            action.accept(item);
        }
    }

    private Node center() {
        actionRow.add(sshActions());
        actionRow.add(cloudPane.itemActions());
        // Reads the derived state itself: an observable that is never read stops reporting changes.
        ObservableValue<TargetState> selectedState = stateOfSelected();
        model.storeProblemProperty().addListener(obs -> actionRow.refresh());
        DetailPane detail = new DetailPane(language, model.selectedProperty(), actionRow, model::history,
                this::jupyterControls);
        detail.setCloudSection(cloudPane::build);
        this.detail = detail;
        model.selectedProperty().addListener((obs, old, item) -> askJupyter(item));
        selectedState.addListener((obs, old, state) -> askJupyter(model.selectedProperty().get()));

        Label noMatches = new Label();
        noMatches.setId("no-matches");
        noMatches.textProperty().bind(language.text("ui.list.noMatches"));
        noMatches.getStyleClass().add(Styles.TEXT_MUTED);
        noMatches.visibleProperty().bind(model.noMatchesProperty());
        noMatches.setMouseTransparent(true);
        StackPane listArea = new StackPane(list, noMatches);

        SplitPane split = new SplitPane(listArea, detail);
        split.setDividerPositions(0.5);
        split.visibleProperty().bind(model.emptyProperty().not().and(model.storeProblemProperty().isNull()));

        return new StackPane(split, emptyState(), storeProblemPane());
    }

    /**
     * What the detail pane offers for an SSH server: the common actions as buttons (the row wraps in narrow
     * windows), the rest in the More menu.
     */
    private List<ItemAction> sshActions() {
        Predicate<TargetItem> ssh = item -> item.target() instanceof SshServer;
        Predicate<TargetItem> usable = item -> model.storeProblemProperty().get() == null;
        Predicate<TargetItem> live = usable.and(item -> connectAvailable.get());
        return List.of(
                ItemAction.button("detail-trust-key", "ui.action.trustKey", item -> actions.verify(item))
                        .shownFor(ssh.and(item -> item.state() == TargetState.HOST_KEY_UNKNOWN)).styled(Styles.ACCENT),
                ItemAction.button("detail-verify", "ui.action.verify", item -> actions.verify(item))
                        .shownFor(ssh.and(item -> item.state() == TargetState.AUTH_FAILED)),
                ItemAction.button("detail-connect", "ui.action.connect", item -> actions.openNotebook(item))
                        .enabledWhen(live).styled(Styles.SUCCESS).tip("ui.action.connect.tip"),
                ItemAction.button("detail-terminal", "ui.action.terminal", item -> actions.openTerminal(item))
                        .shownFor(ssh).enabledWhen(live),
                ItemAction.button("detail-copy-url", "ui.action.copyUrl", item -> actions.copyNotebookUrl(item))
                        .enabledWhen(live),
                ItemAction.button("detail-vscode", "ui.action.vscode", item -> actions.openInVsCode(item))
                        .shownFor(ssh).enabledWhen(live),
                ItemAction.more("detail-jetbrains", "ui.action.jetbrains", item -> actions.openInJetBrains(item))
                        .shownFor(ssh).enabledWhen(live),
                ItemAction.more("detail-edit", "ui.action.edit", item -> editSelected())
                        .shownFor(ssh.or(item -> item.target() instanceof HfSpace)).enabledWhen(usable),
                ItemAction.more("detail-remove", "ui.action.remove", item -> removeSelected()).enabledWhen(usable));
    }

    /** Adds actions for a kind of target to the detail pane (shown for the targets their predicate accepts). */
    void addItemActions(List<ItemAction> added) {
        actionRow.add(added);
    }

    /** Asks how Jupyter is doing on a selected, reachable server the first time it is looked at. */
    private void askJupyter(TargetItem item) {
        if (item != null && item.state() == TargetState.ONLINE && item.jupyterProperty().get() == null
                && connectAvailable.get()) {
            actions.loadJupyterStatus(item);
        }
    }

    /** The Jupyter line of the detail pane: its state and Set up / Start / Stop / Logs. */
    private Node jupyterControls(TargetItem item) {
        JupyterStatus status = item.jupyterProperty().get();
        Label state = new Label(status == null ? language.get(connectAvailable.get() && item.state()
                == TargetState.ONLINE ? "ui.jupyter.state.checking" : "ui.jupyter.state.unknown")
                : Workflows.describe(status));
        state.setId("jupyter-state");
        // a server without a notebook interface is a problem to fix, not "Running"
        state.getStyleClass().add(status != null && status.withoutUi() ? Styles.DANGER : Styles.TEXT_MUTED);
        state.setWrapText(true);
        // Wraps in a narrow pane rather than cutting a button's text.
        FlowPane buttons = new FlowPane(8, 8);
        if (connectAvailable.get() && item.target() instanceof SshServer) {
            boolean setUp = status != null && (status.setUp() || status.running());
            Button setup = button("jupyter-setup-button", setUp ? "ui.jupyter.action.redo" : "ui.jupyter.action.setup",
                    () -> actions.setUpJupyter(item), null);
            if (!setUp) {
                setup.getStyleClass().add(Styles.ACCENT);
            }
            buttons.getChildren().add(setup);
            if (setUp) {
                buttons.getChildren().add(status.running()
                        ? button("jupyter-stop-button", "ui.jupyter.action.stop", () -> actions.stopJupyter(item), null)
                        : button("jupyter-start-button", "ui.jupyter.action.start", () -> actions.startJupyter(item), null));
                buttons.getChildren().add(button("jupyter-logs-button", "ui.jupyter.action.logs",
                        () -> actions.showJupyterLogs(item), null));
                buttons.getChildren().add(button("jupyter-remove-button", "ui.jupyter.action.remove",
                        () -> actions.removeJupyter(item), null));
            }
        }
        VBox box = new VBox(6, state, buttons);
        box.setId("jupyter-section");
        return box;
    }

    /** The selected row's state, as one observable that follows the selection. */
    private ObservableValue<TargetState> stateOfSelected() {
        ObjectProperty<TargetState> state =
                new SimpleObjectProperty<>();
        ChangeListener<TargetState> follow = (obs, old, now) -> state.set(now);
        model.selectedProperty().addListener((obs, old, item) -> {
            if (old != null) {
                old.stateProperty().removeListener(follow);
            }
            if (item != null) {
                item.stateProperty().addListener(follow);
            }
            state.set(item == null ? null : item.state());
        });
        return state;
    }

    /** What a new user sees: no servers yet, and the two ways to get some. */
    private Node emptyState() {
        Label title = new Label();
        title.textProperty().bind(language.text("ui.empty.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label();
        text.textProperty().bind(language.text("ui.empty.text"));
        text.getStyleClass().add(Styles.TEXT_MUTED);
        text.setWrapText(true);
        Button add = button("empty-add", "ui.empty.add", this::addServer, null);
        add.getStyleClass().add(Styles.ACCENT);
        Button importButton = button("empty-import", "ui.empty.import", this::importSshConfig, null);
        HBox buttons = new HBox(10, add, importButton);
        buttons.setAlignment(Pos.CENTER);
        SVGPath glyph = KindGlyph.of(TargetKind.SSH);
        glyph.getStyleClass().add("empty-glyph");
        VBox box = new VBox(14, glyph, title, text, buttons);
        box.setId("empty-state");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(460);
        text.setTextAlignment(TextAlignment.CENTER);
        box.visibleProperty().bind(model.emptyProperty());
        return box;
    }

    /** A damaged or too-new inventory file: say so, name it, offer its folder; never overwrite it. */
    private Node storeProblemPane() {
        Label title = new Label();
        title.textProperty().bind(language.text("ui.store.problem.title"));
        title.getStyleClass().addAll(Styles.TITLE_3, Styles.DANGER);
        Label text = new Label();
        text.setId("store-problem-text");
        text.setWrapText(true);
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            StoreProblem problem = model.storeProblemProperty().get();
            return problem == null ? "" : problem.cause().getLocalizedMessage();
        }, model.storeProblemProperty(), language.localeProperty()));
        Button open = button("open-folder", "ui.store.problem.openFolder", () -> {
            StoreProblem problem = model.storeProblemProperty().get();
            if (problem != null) {
                dialogs.openFolder(problem.folder());
            }
        }, null);
        Button retry = button("retry-load", "ui.store.problem.retry", this::refresh, null);
        HBox buttons = new HBox(10, open, retry);
        buttons.setAlignment(Pos.CENTER);
        VBox box = new VBox(14, title, text, buttons);
        box.setId("store-problem");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(560);
        box.setPadding(new Insets(24));
        box.visibleProperty().bind(model.storeProblemProperty().isNotNull());
        return box;
    }

    private Node statusBar() {
        Label count = new Label();
        count.setId("status-count");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> language.get("ui.status.count", model.items().size()), model.items(), language.localeProperty()));
        count.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox bar = new HBox(count);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 10, 4, 10));
        return bar;
    }

    // ---- actions ----

    void addServer() {
        model.newServerEditor(actions.connectionTester()).thenAccept(editor -> {
            AddTargetViewModel add = new AddTargetViewModel(editor, new SpaceEditorViewModel(model.inventory(), null));
            if (dialogs.form(View.ADD_TARGET, add, "ui.cloud.add.title", add.validProperty(), () -> {
                if (!add.addingSpaceProperty().get()) {
                    editor.revealErrors();
                }
            })) {
                (add.addingSpaceProperty().get() ? model.saveSpace(add.space()) : model.save(editor))
                        .exceptionally(this::fail);
            }
        }).exceptionally(this::fail);
    }

    void editSelected() {
        TargetItem item = model.selectedProperty().get();
        if (item != null && item.target() instanceof HfSpace space && model.storeProblemProperty().get() == null) {
            SpaceEditorViewModel editor = new SpaceEditorViewModel(model.inventory(), space);
            if (dialogs.form(View.SPACE_EDITOR, editor, "ui.hf.editor.title.edit", editor.validProperty())) {
                model.saveSpace(editor).exceptionally(this::fail);
            }
            return;
        }
        if (item == null || !(item.target() instanceof SshServer server) || model.storeProblemProperty().get() != null) {
            return;
        }
        model.editorFor(server, actions.connectionTester()).thenAccept(editor -> {
            if (dialogs.form(View.SERVER_EDITOR, editor, "ui.editor.title.edit", editor.validProperty(),
                    editor::revealErrors)) {
                model.save(editor).exceptionally(this::fail);
            }
        }).exceptionally(this::fail);
    }

    void removeSelected() {
        TargetItem item = model.selectedProperty().get();
        if (item == null || model.storeProblemProperty().get() != null) {
            return;
        }
        if (dialogs.confirm("ui.remove.title", "ui.remove.message", "ui.action.remove", item.name())) {
            model.remove(item.name()).exceptionally(this::fail);
        }
    }

    void importSshConfig() {
        model.importSshConfig().thenAccept(this::reportImport).exceptionally(this::fail);
    }

    private void reportImport(SshConfigImport.Result result) {
        String text = result.added().isEmpty() && result.skipped().isEmpty()
                ? language.get("ui.import.none", model.environment().sshConfig())
                : language.get("ui.import.summary", result.added().size(), result.skipped().size());
        dialogs.info("ui.import.title", text);
    }

    void openSettings() {
        SettingsViewModel settings = new SettingsViewModel(context.preferences(), context.executors(),
                app.tether.instance.LoginAutostart.supported()
                        ? app.tether.instance.LoginAutostart.of(context.environment()) : null);
        if (dialogs.form(View.SETTINGS, settings, "ui.settings.title", Bindings.createBooleanBinding(() -> true))) {
            Preferences.Language chosen = settings.languageProperty().get();
            language.setLocale(UiLanguage.resolve(chosen));
            context.themes().apply(settings.themeProperty().get());
            actions.refreshIntervalChanged(settings.refreshSecondsProperty().get());
            settings.save().exceptionally(this::fail);
        }
    }

    void refresh() {
        model.reload().thenRun(() -> actions.refreshAll()).exceptionally(this::fail);
    }

    void setActions(TargetActions newActions) {
        actions = newActions;
        connectAvailable.set(newActions.canConnect());
        actionRow.refresh();
        askJupyter(model.selectedProperty().get());
    }

    /** Plugs in the providers' lifecycle actions; the detail pane follows each action in flight. */
    void setCloudActions(CloudActions cloud) {
        cloudPane.setActions(cloud);
    }

    /** Plugs in the idle auto-pause row of the detail pane. */
    void setIdle(IdleRow row) {
        cloudPane.setIdle(row);
    }

    /** Plugs in the Space buttons (Hardware…, Sleep time…, Dev mode). */
    void setSpaceActions(SpaceActions spaces) {
        spaceActions = spaces;
        spacesMissing.set(false);
        cloudPane.setSpaces(spaces);
    }

    /** Plugs in the CNB part of the detail pane. */
    void setCnbPane(CnbPane cnb) {
        cloudPane.setCnb(cnb);
    }

    void showSpend() {
        dialogs.show(View.SPEND, new SpendViewModel(context.environment(), java.time.Clock.systemDefaultZone(),
                context.executors()), "ui.spend.title");
    }

    void showAbout() {
        dialogs.show(View.ABOUT, AboutInfo.of(context.environment(), dialogs::openUri), "ui.about.title");
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Store problems are shown in the window itself; anything else gets an error dialog. */
    private <T> T fail(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        boolean shownInWindow = cause instanceof TetherException e
                && (e.code() == ErrorCode.STORE_CORRUPT || e.code() == ErrorCode.STORE_TOO_NEW);
        if (!shownInWindow) {
            dialogs.error(cause);
        }
        return null;
    }

    // ---- small builders ----

    private Menu menu(String key, MenuItem... items) {
        Menu menu = new Menu();
        menu.textProperty().bind(language.text(key));
        menu.getItems().setAll(items);
        return menu;
    }

    private MenuItem item(String id, String key, String accelerator, Runnable action, ObservableBooleanValue disabled) {
        MenuItem item = new MenuItem();
        item.setId(id);
        item.textProperty().bind(language.text(key));
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(event -> action.run());
        if (disabled != null) {
            item.disableProperty().bind(disabled);
        }
        return item;
    }

    private Button button(String id, String key, Runnable action, ObservableBooleanValue disabled) {
        Button button = new Button();
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setId(id);
        button.textProperty().bind(language.text(key));
        button.setOnAction(event -> action.run());
        if (disabled != null) {
            button.disableProperty().bind(disabled);
        }
        return button;
    }
}
