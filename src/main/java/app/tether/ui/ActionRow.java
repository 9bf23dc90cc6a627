package app.tether.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;

/**
 * The detail pane's actions for the selected target: buttons that wrap onto more lines rather than cut their
 * text, and a "More" menu for the less frequent ones. Controls are made once per action and kept, so a status
 * refresh neither closes an open menu nor moves the keyboard focus.
 */
final class ActionRow extends FlowPane {
    private final UiLanguage language;
    private final List<ItemAction> actions = new ArrayList<>();
    private final Map<ItemAction, Node> buttons = new LinkedHashMap<>();
    private final Map<ItemAction, MenuItem> entries = new LinkedHashMap<>();
    private final MenuButton more = new MenuButton();
    private TargetItem item;

    ActionRow(UiLanguage language) {
        super(8, 8);
        this.language = language;
        setId("detail-actions");
        more.setId("detail-more");
        more.textProperty().bind(language.text("ui.action.more"));
        noCut(more);
    }

    /** Adds actions after the ones already there (buttons in order, then the More menu). */
    void add(List<ItemAction> added) {
        for (ItemAction action : added) {
            actions.add(action);
            if (action.placement() == ItemAction.Placement.BUTTON) {
                buttons.put(action, button(action));
            } else {
                MenuItem entry = new MenuItem();
                entry.setId(action.id());
                entry.textProperty().bind(language.text(action.labelKey()));
                entry.setOnAction(event -> run(action));
                entries.put(action, entry);
            }
        }
        getChildren().setAll(buttons.values());
        getChildren().add(more);
        more.getItems().setAll(entries.values());
        show(item);
    }

    /** Shows the actions that apply to {@code target} (null: none), enabled as they can be used now. */
    void show(TargetItem target) {
        item = target;
        buttons.forEach((action, node) -> {
            boolean shown = target != null && action.shownFor().test(target);
            node.setVisible(shown);
            node.setManaged(shown);
            control(node).setDisable(!shown || !action.enabledFor().test(target));
        });
        boolean anyEntry = false;
        for (Map.Entry<ItemAction, MenuItem> entry : entries.entrySet()) {
            boolean shown = target != null && entry.getKey().shownFor().test(target);
            entry.getValue().setVisible(shown);
            entry.getValue().setDisable(!shown || !entry.getKey().enabledFor().test(target));
            anyEntry |= shown;
        }
        more.setVisible(anyEntry);
        more.setManaged(anyEntry);
    }

    /** Asks every action again (for changes the row cannot see, such as the live features being plugged in). */
    void refresh() {
        show(item);
    }

    private void run(ItemAction action) {
        TargetItem target = item;
        if (target != null && action.shownFor().test(target) && action.enabledFor().test(target)) {
            action.action().accept(target);
        }
    }

    private Node button(ItemAction action) {
        Button button = new Button();
        button.setId(action.id());
        button.textProperty().bind(language.text(action.labelKey()));
        button.setOnAction(event -> run(action));
        if (action.style() != null) {
            button.getStyleClass().add(action.style());
        }
        noCut(button);
        if (action.tipKey() == null) {
            return button;
        }
        // A disabled control shows no tooltip: the wrapper carries it.
        StackPane wrapper = new StackPane(button);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(language.text(action.tipKey()));
        Tooltip.install(wrapper, tip);
        return wrapper;
    }

    private static Control control(Node node) {
        return node instanceof StackPane wrapper ? (Control) wrapper.getChildren().get(0) : (Control) node;
    }

    /** A button is never narrower than its text: the row wraps instead of showing "Co…". */
    private static void noCut(Control control) {
        control.setMinWidth(Control.USE_PREF_SIZE);
    }
}
