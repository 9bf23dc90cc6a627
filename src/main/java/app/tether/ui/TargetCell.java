package app.tether.ui;

import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** A row of the target list: kind icon, name and address, GPU summary, price and a state badge. */
final class TargetCell extends ListCell<TargetItem> {
    private final UiLanguage language;
    private final StackPane icon = new StackPane();
    private final Label name = new Label();
    private final Label address = new Label();
    private final Label gpu = new Label();
    private final Label price = new Label();
    private final Label badge = new Label();
    private final HBox row;
    private final ChangeListener<TargetState> stateListener =
            (obs, old, state) -> badge.getStyleClass().setAll("badge", badgeStyle(state));
    private TargetItem shown;

    TargetCell(UiLanguage language) {
        this.language = language;
        icon.getStyleClass().add("kind-icon");
        icon.setMinSize(28, 28);
        name.getStyleClass().addAll(Styles.TEXT_BOLD, "target-name");
        address.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        gpu.getStyleClass().addAll(Styles.TEXT_SMALL, "gpu-summary");
        price.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "price");
        price.visibleProperty().bind(price.textProperty().isNotEmpty());
        badge.getStyleClass().add("badge");
        // In a narrow list the name and GPU line give way (the tooltip has them whole); the state never does.
        badge.setMinWidth(Region.USE_PREF_SIZE);
        VBox text = new VBox(1, name, address);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox right = new VBox(2, badge, price);
        right.setAlignment(Pos.CENTER_RIGHT);
        row = new HBox(10, icon, text, spacer, gpu, right);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("target-row");
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(TargetItem item, boolean empty) {
        super.updateItem(item, empty);
        name.textProperty().unbind();
        address.textProperty().unbind();
        gpu.textProperty().unbind();
        badge.textProperty().unbind();
        price.textProperty().unbind();
        if (shown != null) {
            shown.stateProperty().removeListener(stateListener);
            shown = null;
        }
        if (empty || item == null) {
            setTooltip(null);
            setGraphic(null);
            setText(null);
            return;
        }
        name.textProperty().bind(Bindings.createStringBinding(() -> item.target().name(), item.targetProperty()));
        address.textProperty().bind(Bindings.createStringBinding(item::address, item.targetProperty()));
        gpu.textProperty().bind(Bindings.createStringBinding(() -> TargetStateView.listLine(language, item),
                item.gpuSummaryProperty(), item.liveProperty(), item.targetProperty(), language.localeProperty()));
        price.textProperty().bind(Bindings.createStringBinding(() -> TargetStateView.price(language, item),
                item.liveProperty(), item.targetProperty(), language.localeProperty()));
        badge.textProperty().bind(Bindings.createStringBinding(() -> language.get(item.state().messageKey()),
                item.stateProperty(), language.localeProperty()));
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", item.target().name(),
                item.address(), badge.getText(), gpu.getText() == null ? "" : gpu.getText()).strip(),
                item.targetProperty(), badge.textProperty(), gpu.textProperty()));
        setTooltip(whole);
        Target target = item.target();
        icon.getChildren().setAll(KindGlyph.of(target.kind()));
        badge.getStyleClass().setAll("badge", badgeStyle(item.state()));
        item.stateProperty().addListener(stateListener);
        shown = item;
        setText(null);
        setGraphic(row);
    }

    /** The badge colour of a state: green when usable, red when something needs the user, grey otherwise. */
    static String badgeStyle(TargetState state) {
        return switch (state) {
            case ONLINE, RUNNING -> "badge-success";
            case AUTH_FAILED, HOST_KEY_CHANGED, HOST_KEY_UNKNOWN, ERROR, PREEMPTED -> "badge-danger";
            case STARTING, STOPPING -> "badge-warning";
            default -> "badge-neutral";
        };
    }
}
