package app.tether.ui;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The "Open tunnels" dialog: a block per target with its forwards and a Close button. A target's block is kept
 * while the target is listed and only its lines are updated, so a Close button never leaves the window between a
 * press and its release (the list is read again after every change while followed).
 */
final class TunnelsView extends VBox {
    private final TunnelsViewModel model;
    private final UiLanguage language;
    private final Map<String, Block> blocks = new HashMap<>();
    private final Label none;

    TunnelsView(TunnelsViewModel model, UiLanguage language) {
        super(12);
        this.model = model;
        this.language = language;
        setId("tunnels-view");
        setPadding(new Insets(8, 4, 8, 4));
        setPrefWidth(560);
        none = new Label(language.get("ui.tunnels.none"));
        none.setId("tunnels-none");
        none.setWrapText(true);
        none.getStyleClass().add(Styles.TEXT_MUTED);
        model.rows().addListener((ListChangeListener<TunnelsViewModel.Row>) change -> render());
        render();
        model.refresh();
    }

    private void render() {
        List<Node> shown = new ArrayList<>();
        Map<String, Block> kept = new HashMap<>();
        for (TunnelsViewModel.Row row : model.rows()) {
            Block block = blocks.containsKey(row.target()) ? blocks.get(row.target()) : new Block(row.target());
            block.show(row.forwards());
            kept.put(row.target(), block);
            shown.add(block.box);
        }
        blocks.clear();
        blocks.putAll(kept);
        if (shown.isEmpty()) {
            shown.add(none);
        }
        if (!getChildren().equals(shown)) {
            getChildren().setAll(shown);
            growWindow();
        }
    }

    /**
     * The dialog is sized when it opens, before the list has been read ("No tunnels"): let it grow to show every
     * block when targets come (never shrinking what the user made larger).
     */
    private void growWindow() {
        Window window = getScene() == null ? null : getScene().getWindow();
        if (window == null) {
            return;
        }
        double width = window.getWidth();
        double height = window.getHeight();
        getScene().getRoot().applyCss();
        window.sizeToScene();
        window.setWidth(Math.max(width, window.getWidth()));
        window.setHeight(Math.max(height, window.getHeight()));
    }

    /** One target: its name, a line per forward, and its Close button (disabled once pressed). */
    private final class Block {
        final HBox box;
        final VBox lines;

        Block(String target) {
            Label name = new Label(target);
            name.getStyleClass().add(Styles.TEXT_BOLD);
            name.setWrapText(true);
            lines = new VBox(2, name);
            HBox.setHgrow(lines, Priority.ALWAYS);
            Button close = new Button(language.get("ui.tunnels.close"));
            close.setId("tunnel-close-" + target.replaceAll("[^A-Za-z0-9_-]", "_"));
            close.setMinWidth(Region.USE_PREF_SIZE);
            close.setOnAction(event -> {
                close.setDisable(true);
                model.close(target).thenRun(() -> close.setDisable(false)); // pressable again if still listed
            });
            box = new HBox(12, lines, close);
            box.setAlignment(Pos.TOP_LEFT);
            box.getStyleClass().add("tunnel-row");
        }

        void show(List<TunnelsViewModel.Forward> forwards) {
            ObservableList<Node> old = lines.getChildren();
            for (int i = 0; i < forwards.size(); i++) {
                TunnelsViewModel.Forward forward = forwards.get(i);
                String text = language.get("ui.tunnels.forward", String.valueOf(forward.localPort()),
                        forward.remote(), forward.state(), forward.connections());
                if (i + 1 < old.size()) {
                    ((Label) old.get(i + 1)).setText(text);
                } else {
                    Label line = new Label(text);
                    line.getStyleClass().add("tunnel-line");
                    line.setWrapText(true);
                    line.setMinHeight(Region.USE_PREF_SIZE);
                    old.add(line);
                }
            }
            old.remove(forwards.size() + 1, old.size());
        }
    }
}
