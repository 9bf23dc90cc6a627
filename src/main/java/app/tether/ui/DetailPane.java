package app.tether.ui;

import app.tether.inventory.PortForward;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.inventory.TargetSummary;
import app.tether.probe.GpuAvailability;
import app.tether.probe.GpuSample;
import app.tether.probe.HostFacts;
import app.tether.probe.ServerStatus;
import app.tether.probe.StatusHistory;
import app.tether.workflow.StartPrice;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The right-hand side: everything Tether knows about the selected target, and what can be done with it. */
final class DetailPane extends ScrollPane {
    private final UiLanguage language;
    private final ObservableValue<TargetItem> selected;
    private final ActionRow actions;
    private final VBox content = new VBox(14);
    private final Supplier<StatusHistory> history;
    private final Function<TargetItem, Node> jupyterControls;
    private TargetItem shown;
    /** The lifecycle and cloud part of the pane (state, stage, hardware, actions); null for none. */
    private Function<TargetItem, Node> cloudSection = item -> null;
    private final InvalidationListener rerender = obs -> render();

    /** @param actions what can be done with the target, shown under its name */
    DetailPane(UiLanguage language, ObservableValue<TargetItem> selected, ActionRow actions,
            Supplier<StatusHistory> history,
            Function<TargetItem, Node> jupyterControls) {
        this.language = language;
        this.jupyterControls = jupyterControls;
        this.history = history;
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
                shown.statusProperty().removeListener(rerender);
                shown.jupyterProperty().removeListener(rerender);
                shown.liveProperty().removeListener(rerender);
            }
            shown = item;
            if (item != null) {
                item.targetProperty().addListener(rerender);
                item.stateProperty().addListener(rerender);
                item.statusProperty().addListener(rerender);
                item.jupyterProperty().addListener(rerender);
                item.liveProperty().addListener(rerender);
            }
            render();
        });
        language.localeProperty().addListener(rerender);
        render();
    }

    /** Plugs in the lifecycle part of the pane, built for each shown target (see {@link CloudPane}). */
    void setCloudSection(Function<TargetItem, Node> section) {
        cloudSection = section;
        render();
    }

    /** Rebuilds the pane now (e.g. when an action starts or ends). */
    void refresh() {
        render();
    }

    /**
     * Rebuilds the pane (status arrives every few seconds) while keeping the keyboard focus on the same
     * control and the scroll position, so a refresh never pulls the user away from a button.
     */
    private void render() {
        Node focused = getScene() == null ? null : getScene().getFocusOwner();
        String focusId = focused != null && focused.getId() != null && isInside(focused) ? focused.getId() : null;
        double scroll = getVvalue();
        renderContent();
        setVvalue(scroll);
        if (focusId != null) {
            Node again = content.lookup("#" + focusId);
            if (again != null) {
                again.requestFocus();
            }
        }
    }

    private boolean isInside(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == content) {
                return true;
            }
        }
        return false;
    }

    private void renderContent() {
        TargetItem item = selected.getValue();
        actions.show(item);
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
        // The name wraps in a narrow pane; the state word never shrinks to "Host key not...".
        badge.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(title, Priority.ALWAYS);
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
            fact(facts, row, "ui.detail.price", language.get("ui.price.perHour", StartPrice.money(target.price())));
        }
        if (!target.notes().isBlank()) {
            fact(facts, row, "ui.detail.notes", target.notes());
        }

        content.getChildren().setAll(header, actions);
        Node cloud = cloudSection.apply(item);
        if (cloud != null) {
            content.getChildren().add(cloud);
        }
        ServerStatus status = item.statusProperty().get();
        String problem = problem(item, status);
        if (problem != null) {
            Label error = new Label(problem);
            error.setId("status-error");
            error.setWrapText(true);
            error.getStyleClass().addAll("status-error", Styles.DANGER);
            content.getChildren().add(error);
        }
        content.getChildren().add(facts);
        if (status != null && status.online() && status.host() != null) {
            content.getChildren().add(hostFacts(status.host()));
        }
        if (target instanceof SshServer) {
            Label jupyterTitle = new Label(language.get("ui.detail.jupyterSection"));
            jupyterTitle.getStyleClass().add(Styles.TITLE_4);
            content.getChildren().addAll(jupyterTitle, jupyterControls.apply(item));
            Label gpuTitle = new Label(language.get("ui.detail.gpus"));
            gpuTitle.getStyleClass().add(Styles.TITLE_4);
            content.getChildren().add(gpuTitle);
            content.getChildren().addAll(gpuSection(target.name(), status));
        }
    }

    /**
     * The red line under the actions. An unknown host key gets the window's own advice (the probe's text tells
     * CLI users about --accept-new-host-key), naming the button that shows the key and trusts it.
     */
    private String problem(TargetItem item, ServerStatus status) {
        if (item.state() == TargetState.HOST_KEY_UNKNOWN) {
            return language.get("ui.detail.hostKeyUnknown", language.get("ui.action.trustKey"));
        }
        return status != null && !status.online() ? status.error() : null;
    }

    private List<Node> gpuSection(String name, ServerStatus status) {
        if (status == null || !status.online()) {
            return List.of(muted(language.get("ui.detail.gpus.pending")));
        }
        if (status.gpuAvailability() != GpuAvailability.AVAILABLE) {
            String why = status.gpuError() != null ? status.gpuError() : language.get("ui.gpu.summary.none");
            return List.of(muted(why));
        }
        if (status.gpus().isEmpty()) {
            return List.of(muted(language.get("ui.gpu.summary.none")));
        }
        StatusHistory past = history.get();
        List<Node> cards = new ArrayList<>();
        for (GpuSample gpu : status.gpus()) {
            cards.add(new GpuCard(language, gpu, past.utilization(name, gpu.index()), past.memoryPercent(name, gpu.index()),
                    status.processes()));
        }
        return cards;
    }

    private Node hostFacts(HostFacts host) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("facts");
        grid.setId("host-facts");
        grid.setHgap(16);
        grid.setVgap(6);
        int[] row = {0};
        fact(grid, row, "ui.host.name", host.os() == null ? host.hostname()
                : language.get("ui.host.name.value", host.hostname(), host.os()));
        if (host.uptimeSeconds() >= 0) {
            long minutes = host.uptimeSeconds() / 60;
            fact(grid, row, "ui.host.uptime", language.get("ui.host.uptime.value", minutes / 1440, (minutes / 60) % 24,
                    minutes % 60));
        }
        if (host.cpuCount() > 0) {
            fact(grid, row, "ui.host.load", language.get("ui.host.load.value", fmt(host.load1()), fmt(host.load5()),
                    fmt(host.load15()), host.cpuCount()));
        }
        if (host.memoryTotalMiB() > 0) {
            fact(grid, row, "ui.host.memory", language.get("ui.host.memory.value", GpuCard.gib(host.memoryAvailableMiB()),
                    GpuCard.gib(host.memoryTotalMiB())));
        }
        if (host.homeFreeMiB() >= 0) {
            fact(grid, row, "ui.host.disk", language.get("ui.host.disk.value", GpuCard.gib(host.homeFreeMiB())));
        }
        return grid;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setWrapText(true);
        return label;
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
        GridPane.setValignment(label, VPos.TOP);
        grid.addRow(row[0]++, label, text);
    }
}
