package app.tether.ui;

import app.tether.inventory.SshServer;
import app.tether.providers.LiveState;
import app.tether.providers.TargetAction;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The detail pane's lifecycle part for every kind: a cloud target's live facts (stage, hardware, $/h, the API's
 * message), a button per action its kind supports (enabled as the provider allows), the kind's own extras
 * (Hardware…, Sleep time, Dev mode for a Space) and the progress of an action in flight.
 */
final class CloudPane {
    private final UiLanguage language;
    private final DialogService dialogs;
    private CloudActions actions;
    private Function<TargetItem, List<Node>> extras = item -> List.of();

    CloudPane(UiLanguage language, DialogService dialogs, CloudActions actions) {
        this.language = language;
        this.dialogs = dialogs;
        this.actions = actions;
    }

    void setActions(CloudActions newActions) {
        actions = newActions;
    }

    CloudActions actions() {
        return actions;
    }

    /** The kind's own buttons after the lifecycle ones (e.g. the Space buttons). */
    void setExtras(Function<TargetItem, List<Node>> kindExtras) {
        extras = kindExtras;
    }

    /** The section for {@code item}; null when there is nothing to show (an SSH server whose kind has no actions). */
    Node build(TargetItem item) {
        List<Node> buttons = new ArrayList<>();
        for (TargetAction action : actions.supported(item)) {
            buttons.add(button(item, action));
        }
        buttons.addAll(extras.apply(item));
        boolean ssh = item.target() instanceof SshServer;
        if (ssh && buttons.isEmpty() && !actions.busy(item)) {
            return null;
        }
        VBox box = new VBox(10);
        box.setId("cloud-section");
        if (!ssh) {
            box.getChildren().add(TargetStateView.cloudFacts(language, item));
        }
        if (!buttons.isEmpty()) {
            // Wraps instead of cutting text when the pane is narrow or the language is longer.
            FlowPane row = new FlowPane(8, 8);
            row.setId("cloud-actions");
            row.getChildren().setAll(buttons);
            box.getChildren().add(row);
        }
        ProgressModel progress = actions.running().get(item.name());
        if (progress != null) {
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setPrefSize(18, 18);
            Label step = new Label();
            step.setId("cloud-progress");
            step.textProperty().bind(progress.stepProperty());
            step.setWrapText(true);
            step.getStyleClass().add(Styles.TEXT_MUTED);
            HBox line = new HBox(8, spinner, step);
            line.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(line);
        }
        return box;
    }

    private Button button(TargetItem item, TargetAction action) {
        Button button = new Button(language.get("ui.cloud.action." + action.id()));
        button.setId("cloud-" + action.id());
        button.setDisable(!actions.allowed(item, action));
        if (action == TargetAction.START) {
            button.getStyleClass().add(Styles.SUCCESS);
        }
        button.setOnAction(event -> run(item, action));
        return button;
    }

    /** Sends {@code action}; a factory reboot asks first (it rebuilds from scratch), a paid start asks what it costs. */
    void run(TargetItem item, TargetAction action) {
        if (action == TargetAction.FACTORY_RESTART && !dialogs.confirm("ui.cloud.factory.title",
                "ui.cloud.factory.message", "ui.cloud.action.factory-restart", item.name())) {
            return;
        }
        actions.perform(item, action, this::confirmPaid).exceptionally(failure -> {
            dialogs.error(failure);
            return null;
        });
    }

    private boolean confirmPaid(TargetItem item, LiveState state) {
        String price = TargetStateView.price(language, item);
        return dialogs.confirm("ui.cloud.paid.title", price.isEmpty() ? "ui.cloud.paid.messageUnknown"
                : "ui.cloud.paid.message", "ui.cloud.action.start", item.name(), price);
    }
}
