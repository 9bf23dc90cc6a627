package app.tether.ui;

import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.HfSpace;
import app.tether.inventory.SshServer;
import app.tether.providers.LiveState;
import app.tether.providers.TargetAction;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The detail pane's lifecycle part for every kind: a cloud target's live facts (stage, hardware, $/h, the API's
 * message) and the progress of an action in flight, plus the actions for the pane's action row: one per
 * lifecycle action the kind supports (enabled as the provider allows) and the Space actions.
 */
final class CloudPane {
    private final UiLanguage language;
    private final DialogService dialogs;
    private final Runnable changed;
    private CloudActions actions;
    private SpaceActions spaces;
    private IdleRow idle;
    /** The CNB facts and the check before Stop; null until the desktop plugs them in. */
    private CnbPane cnb;

    /** @param changed rebuilds the pane (called when an action starts or ends, or a Space's details arrive) */
    CloudPane(UiLanguage language, DialogService dialogs, CloudActions actions, Runnable changed) {
        this.language = language;
        this.dialogs = dialogs;
        this.changed = changed;
        setActions(actions);
    }

    void setActions(CloudActions newActions) {
        actions = newActions;
        actions.running().addListener((InvalidationListener) obs -> changed.run());
        changed.run();
    }

    /** Plugs in the Space actions (Hardware…, Sleep time…, Dev mode, Open in VS Code). */
    void setSpaces(SpaceActions newSpaces) {
        spaces = newSpaces;
        spaces.detailsMap().addListener((InvalidationListener) obs -> changed.run());
        spaces.busy().addListener((InvalidationListener) obs -> changed.run());
        changed.run();
    }

    /** Plugs in the idle auto-pause row (built for each shown target). */
    void setIdle(IdleRow row) {
        idle = row;
        row.follow(changed);
        changed.run();
    }

    /** Plugs in the CNB part (time left, backup, price, quota; the unpushed-work check before Stop). */
    void setCnb(CnbPane newCnb) {
        cnb = newCnb;
        cnb.onChange(changed);
        changed.run();
    }

    /**
     * The detail pane's actions of every kind: a button per lifecycle action the target's kind supports (enabled
     * as its provider allows; Factory reboot in the More menu), then the Space actions.
     */
    List<ItemAction> itemActions() {
        List<ItemAction> all = new ArrayList<>();
        for (TargetAction action : TargetAction.values()) {
            ItemAction item = action == TargetAction.FACTORY_RESTART
                    ? ItemAction.more("cloud-" + action.id(), "ui.cloud.action." + action.id(), target -> run(target, action))
                    : ItemAction.button("cloud-" + action.id(), "ui.cloud.action." + action.id(), target -> run(target, action));
            item = item.shownFor(target -> actions.supported(target).contains(action))
                    .enabledWhen(target -> actions.allowed(target, action));
            all.add(action == TargetAction.START ? item.styled(Styles.SUCCESS) : item);
        }
        all.addAll(new SpaceButtons(dialogs, () -> spaces).itemActions());
        return all;
    }

    /**
     * The live part for {@code item}: a cloud target's state facts and the progress of an action in flight; null
     * when there is nothing to show. The first look at a Space loads its details (sleep time, dev mode).
     */
    Node build(TargetItem item) {
        boolean ssh = item.target() instanceof SshServer;
        if (spaces != null && item.target() instanceof HfSpace && spaces.details(item) == null) {
            spaces.load(item);
        }
        ProgressModel progress = actions.running().get(item.name());
        Node idleRow = ssh || idle == null ? null : idle.build(item);
        if (ssh && progress == null) {
            return null;
        }
        VBox box = new VBox(10);
        box.setId("cloud-section");
        if (!ssh) {
            box.getChildren().add(TargetStateView.cloudFacts(language, item, cnb == null || !cnb.replacesMessage(item)));
            Node kindPart = cnb == null ? null : cnb.build(item);
            if (kindPart != null) {
                box.getChildren().add(kindPart);
            }
        }
        if (idleRow != null) {
            box.getChildren().add(idleRow);
        }
        if (progress != null) {
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setPrefSize(18, 18);
            Label step = new Label();
            step.setId("cloud-progress");
            // The lifecycle reports each change of state as a line ("now starting (APP_STARTING)").
            step.textProperty().bind(Bindings.createStringBinding(() -> progress.log().isEmpty() ? ""
                    : progress.log().get(progress.log().size() - 1), progress.log()));
            step.setWrapText(true);
            step.getStyleClass().add(Styles.TEXT_MUTED);
            HBox line = new HBox(8, spinner, step);
            line.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(line);
        }
        return box;
    }

    /** Sends {@code action}; a factory reboot asks first (it rebuilds from scratch), a paid start asks what it costs. */
    void run(TargetItem item, TargetAction action) {
        if (action == TargetAction.FACTORY_RESTART && !dialogs.confirm("ui.cloud.factory.title",
                "ui.cloud.factory.message", "ui.cloud.action.factory-restart", item.name())) {
            return;
        }
        if (cnb != null && item.target() instanceof CnbWorkspace
                && (action == TargetAction.STOP || action == TargetAction.RESTART)) {
            // Closing a workspace discards what is not pushed: the question says what is at risk.
            cnb.confirmStop(item, () -> perform(item, action));
            return;
        }
        perform(item, action);
    }

    private void perform(TargetItem item, TargetAction action) {
        actions.perform(item, action, this::confirmPaid).exceptionally(failure -> {
            dialogs.error(failure);
            return null;
        });
    }

    private boolean confirmPaid(TargetItem item, LiveState state) {
        String price = actions.startPrice(item, state).orElse("");
        return dialogs.confirm("ui.cloud.paid.title", price.isEmpty() ? "ui.cloud.paid.messageUnknown"
                : "ui.cloud.paid.message", "ui.cloud.action.start", item.name(), price);
    }
}
