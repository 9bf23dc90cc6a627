package app.tether.ui;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The "Open tunnels" dialog: a block per target with its forwards and a Close button. */
final class TunnelsView extends VBox {
    private final TunnelsViewModel model;
    private final UiLanguage language;

    TunnelsView(TunnelsViewModel model, UiLanguage language) {
        super(12);
        this.model = model;
        this.language = language;
        setId("tunnels-view");
        setPadding(new Insets(8, 4, 8, 4));
        setPrefWidth(560);
        model.rows().addListener((ListChangeListener<TunnelsViewModel.Row>) change -> render());
        render();
        model.refresh();
    }

    private void render() {
        getChildren().clear();
        if (model.rows().isEmpty()) {
            Label none = new Label(language.get("ui.tunnels.none"));
            none.setId("tunnels-none");
            none.setWrapText(true);
            none.getStyleClass().add(Styles.TEXT_MUTED);
            getChildren().add(none);
            return;
        }
        for (TunnelsViewModel.Row row : model.rows()) {
            Label name = new Label(row.target());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            name.setWrapText(true);
            VBox lines = new VBox(2, name);
            for (TunnelsViewModel.Forward forward : row.forwards()) {
                Label line = new Label(language.get("ui.tunnels.forward", String.valueOf(forward.localPort()),
                        forward.remote(), forward.state(), forward.connections()));
                line.getStyleClass().add("tunnel-line");
                line.setWrapText(true);
                line.setMinHeight(Region.USE_PREF_SIZE);
                lines.getChildren().add(line);
            }
            HBox.setHgrow(lines, Priority.ALWAYS);
            Button close = new Button(language.get("ui.tunnels.close"));
            close.setId("tunnel-close-" + row.target().replaceAll("[^A-Za-z0-9_-]", "_"));
            close.setMinWidth(Region.USE_PREF_SIZE);
            close.setOnAction(event -> {
                close.setDisable(true);
                model.close(row.target());
            });
            HBox block = new HBox(12, lines, close);
            block.setAlignment(Pos.TOP_LEFT);
            block.getStyleClass().add("tunnel-row");
            getChildren().add(block);
        }
    }
}
