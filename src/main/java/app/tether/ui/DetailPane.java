package app.tether.ui;

import app.tether.inventory.PortForward;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.inventory.TargetSummary;
import atlantafx.base.theme.Styles;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The right-hand side: everything Tether knows about the selected target, and what can be done with it. */
final class DetailPane extends ScrollPane {
    private final UiLanguage language;
    private final ObservableValue<TargetItem> selected;
    private final Node actions;
    private final VBox content = new VBox(14);
    private TargetItem shown;
    private final InvalidationListener rerender = obs -> render();

    /** @param actions the row of buttons (Connect, Edit, Remove) shown under the target's name */
    DetailPane(UiLanguage language, ObservableValue<TargetItem> selected, Node actions) {
        this.language = language;
        this.selected = selected;
        this.actions = actions;
        setId("detail-pane");
        setFitToWidth(true);
        content.setPadding(new Insets(16));
        content.getStyleClass().add("detail-content");
        setContent(content);
        selected.addListener((obs, old, item) -> {
            if (shown != null) {
                shown.targetProperty().removeListener(rerender);
                shown.stateProperty().removeListener(rerender);
            }
            shown = item;
            if (item != null) {
                item.targetProperty().addListener(rerender);
                item.stateProperty().addListener(rerender);
            }
            render();
        });
        language.localeProperty().addListener(rerender);
        render();
    }

    private void render() {
        TargetItem item = selected.getValue();
        if (item == null) {
            Label hint = new Label();
            hint.textProperty().bind(language.text("ui.detail.nothingSelected"));
            hint.getStyleClass().add(Styles.TEXT_MUTED);
            hint.setWrapText(true);
            content.getChildren().setAll(hint);
            return;
        }
        Target target = item.target();
        Label title = new Label(target.name());
        title.setId("detail-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        Label badge = new Label(language.get(item.state().messageKey()));
        badge.getStyleClass().setAll("badge", TargetCell.badgeStyle(item.state()));
        HBox header = new HBox(10, KindGlyph.of(target.kind()), title, badge);
        header.setAlignment(Pos.CENTER_LEFT);

        GridPane facts = new GridPane();
        facts.getStyleClass().add("facts");
        facts.setHgap(16);
        facts.setVgap(6);
        int[] row = {0};
        fact(facts, row, "ui.detail.kind", language.get(target.kind().messageKey()));
        fact(facts, row, "ui.detail.address", TargetSummary.address(target));
        if (target instanceof SshServer server) {
            if (!server.usesAlias()) {
                fact(facts, row, "ui.detail.jump", server.jumpHost());
                fact(facts, row, "ui.detail.identity", server.identityFile());
            }
            fact(facts, row, "ui.detail.jupyter", language.get("ui.detail.jupyter.value",
                    String.valueOf(server.jupyter().portOrDefault()),
                    server.jupyter().notebookDir() == null ? "~" : server.jupyter().notebookDir()));
            if (!server.forwards().isEmpty()) {
                fact(facts, row, "ui.detail.forwards",
                        server.forwards().stream().map(PortForward::spec).collect(Collectors.joining("\n")));
            }
        }
        if (!target.tags().isEmpty()) {
            fact(facts, row, "ui.detail.tags", String.join(", ", target.tags()));
        }
        if (target.price() != null) {
            fact(facts, row, "ui.detail.price", language.get("ui.price.perHour", target.price().toString()));
        }
        if (!target.notes().isBlank()) {
            fact(facts, row, "ui.detail.notes", target.notes());
        }

        Label gpuTitle = new Label(language.get("ui.detail.gpus"));
        gpuTitle.getStyleClass().add(Styles.TITLE_4);
        Label gpuHint = new Label(language.get("ui.detail.gpus.pending"));
        gpuHint.getStyleClass().add(Styles.TEXT_MUTED);
        gpuHint.setWrapText(true);
        content.getChildren().setAll(header, actions, facts, gpuTitle, gpuHint);
    }

    private void fact(GridPane grid, int[] row, String labelKey, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Label label = new Label(language.get(labelKey));
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setMinWidth(110);
        Label text = new Label(value);
        text.setWrapText(true);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        grid.addRow(row[0]++, label, text);
    }
}
