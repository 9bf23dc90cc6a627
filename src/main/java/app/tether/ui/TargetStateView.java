package app.tether.ui;

import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.StageWords;
import app.tether.workflow.StartPrice;
import atlantafx.base.theme.Styles;
import java.math.BigDecimal;
import java.math.RoundingMode;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * How a target's live state reads in the list and the detail pane: the provider's stage word, hardware, price
 * per hour and message, for every kind (an SSH server shows its GPU line instead of hardware and stage).
 */
final class TargetStateView {
    private TargetStateView() {
    }

    /** The list row's right-hand line: the GPU summary of an SSH server; "hardware · stage" of a cloud target. */
    static String listLine(UiLanguage language, TargetItem item) {
        if (item.target() instanceof SshServer) {
            String gpu = item.gpuSummaryProperty().get();
            return gpu == null ? language.get("ui.list.gpu.none") : gpu;
        }
        LiveState live = item.liveProperty().get();
        if (live == null) {
            return language.get("ui.cloud.list.waiting");
        }
        String stage = stageWord(item.target().kind(), live);
        if (live.hardware() == null) {
            return stage == null ? "" : stage;
        }
        return stage == null ? live.hardware() : language.get("ui.cloud.list.line", live.hardware(), stage);
    }

    /**
     * The provider's stage word, in the user's words where the bundles have it ({@link StageWords}), when it says
     * more than the badge ("APP_STARTING", "SLEEPING", CNB's "closed"); null when it only repeats the state
     * ("RUNNING" next to Running) or the kind has none.
     */
    static String stageWord(TargetKind kind, LiveState live) {
        String stage = live.stage();
        if (stage == null || stage.isBlank()) {
            return null;
        }
        return stage.equalsIgnoreCase(live.state().id()) ? null : StageWords.display(kind, stage);
    }

    /** The price per hour as the row and the pane show it: the provider's live price, else the one stored; "" when unknown. */
    static String price(UiLanguage language, TargetItem item) {
        LiveState live = item.liveProperty().get();
        if (live != null && live.pricePerHour() != null) {
            String perHour = usdPerHour(language, live.pricePerHour());
            return billing(live) || live.pricePerHour().signum() == 0 ? perHour
                    : language.get("ui.cloud.price.whenRunning", perHour);
        }
        Target target = item.target();
        return target.price() == null ? "" : language.get("ui.price.perHour", StartPrice.money(target.price()));
    }

    /** "USD 0.40/h", or "Free" for nothing. */
    static String usdPerHour(UiLanguage language, BigDecimal amount) {
        if (amount.signum() == 0) {
            return language.get("ui.cloud.free");
        }
        return language.get("ui.price.perHour", "USD " + amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()),
                RoundingMode.UNNECESSARY).toPlainString());
    }

    /**
     * The live facts of a cloud target for the detail pane: the API's message (red when the state is an
     * error), stage, hardware and price; nothing until the provider reported.
     */
    static Node cloudFacts(UiLanguage language, TargetItem item) {
        return cloudFacts(language, item, true);
    }

    /** As {@link #cloudFacts(UiLanguage, TargetItem)}; without the API's message when the kind shows it its own way. */
    static Node cloudFacts(UiLanguage language, TargetItem item, boolean withMessage) {
        VBox box = new VBox(8);
        box.setId("cloud-state");
        LiveState live = item.liveProperty().get();
        if (live == null) {
            Label waiting = new Label(language.get("ui.cloud.detail.waiting"));
            waiting.setId("cloud-waiting");
            waiting.getStyleClass().add(Styles.TEXT_MUTED);
            waiting.setWrapText(true);
            box.getChildren().add(waiting);
            return box;
        }
        if (withMessage && live.message() != null && !live.message().isBlank()) {
            Label message = new Label(live.message());
            message.setId("cloud-message");
            message.setWrapText(true);
            message.getStyleClass().add(live.state() == TargetState.ERROR ? Styles.DANGER
                    : Styles.TEXT_MUTED);
            box.getChildren().add(message);
        }
        GridPane grid = new GridPane();
        grid.getStyleClass().add("facts");
        grid.setHgap(16);
        grid.setVgap(6);
        int row = 0;
        row = fact(grid, row, language.get("ui.cloud.detail.stage"),
                StageWords.display(item.target().kind(), live.stage()), "cloud-stage");
        row = fact(grid, row, language.get("ui.cloud.detail.hardware"), live.hardware(), "cloud-hardware");
        fact(grid, row, language.get("ui.cloud.detail.price"), costsNow(language, live), "cloud-price");
        box.getChildren().add(grid);
        return box;
    }

    /**
     * Whether the target bills now: while it starts or runs (a paused or sleeping Space costs nothing, nor does one
     * in an error state: the Hub bills only Starting and Running, as the spend ledger counts it); a target whose state
     * is unknown but has a price may be billing.
     */
    static boolean billing(LiveState live) {
        return switch (live.state()) {
            case RUNNING, STARTING, ONLINE, STOPPING -> true;
            case UNKNOWN -> live.pricePerHour() != null;
            default -> false;
        };
    }

    /** "USD 0.60/h" while it bills, "Nothing while paused (USD 1.00/h when running)" otherwise; null when unknown. */
    static String costsNow(UiLanguage language, LiveState live) {
        if (live.pricePerHour() == null) {
            return null;
        }
        String perHour = usdPerHour(language, live.pricePerHour());
        if (billing(live) || live.pricePerHour().signum() == 0) {
            return perHour;
        }
        return language.get("ui.cloud.price.nothingNow", language.get(live.state().messageKey()).toLowerCase(
                language.locale()), perHour);
    }

    private static int fact(GridPane grid, int row, String label, String value, String id) {
        if (value == null || value.isBlank()) {
            return row;
        }
        Label name = new Label(label);
        name.getStyleClass().add(Styles.TEXT_MUTED);
        name.setMinWidth(110);
        Label text = new Label(value);
        text.setId(id);
        text.setWrapText(true);
        GridPane.setValignment(name, VPos.TOP);
        grid.addRow(row, name, text);
        return row + 1;
    }
}
