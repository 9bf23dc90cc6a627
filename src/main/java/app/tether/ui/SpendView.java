package app.tether.ui;

import app.tether.watch.spend.SpendFormat;
import app.tether.watch.spend.SpendLimits;
import app.tether.watch.spend.SpendReport;
import atlantafx.base.theme.Styles;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Spend view: today's and this month's spend per target and in total, unknown time, the limits, and a bar per
 * day of the last 30 days; or, before anything was recorded, where the numbers will come from.
 */
final class SpendView extends VBox {
    private static final double CHART_HEIGHT = 90;
    private final SpendViewModel model;
    private final UiLanguage language;

    SpendView(SpendViewModel model, UiLanguage language) {
        super(14);
        this.model = model;
        this.language = language;
        setId("spend-view");
        setPadding(new Insets(8, 4, 8, 4));
        setPrefWidth(640);
        getStylesheets().add(SpendView.class.getResource("/app/tether/ui/spend.css").toExternalForm());
        model.readingProperty().addListener(obs -> render());
        model.errorProperty().addListener(obs -> render());
        language.localeProperty().addListener(obs -> render());
        render();
        model.refresh();
    }

    /** Renders the reading and lets the dialog grow to it (it was sized while the ledger was still being read). */
    private void render() {
        fill();
        if (getScene() != null && getScene().getWindow() != null) {
            getScene().getWindow().sizeToScene();
        }
    }

    private void fill() {
        getChildren().clear();
        if (model.errorProperty().get() != null) {
            getChildren().add(wrapped("spend-error", language.get("ui.spend.error", model.errorProperty().get()),
                    Styles.DANGER));
            return;
        }
        SpendViewModel.Reading reading = model.readingProperty().get();
        if (reading == null) {
            return; // being read
        }
        SpendReport report = reading.report();
        if (report.empty()) {
            getChildren().add(wrapped("spend-empty", language.get("ui.spend.empty"), Styles.TEXT_MUTED));
            getChildren().add(limits(report, reading.limits()));
            return;
        }
        String month = DateTimeFormatter.ofPattern(language.get("ui.spend.monthPattern"), language.locale())
                .format(report.month());
        HBox figures = new HBox(12,
                figure("spend-month", language.get("ui.spend.month", month), SpendFormat.usd(report.total())),
                figure("spend-today", language.get("ui.spend.today"), SpendFormat.usd(report.today())),
                figure("spend-unknown", language.get("ui.spend.unknown"), SpendFormat.duration(report.unknown())));
        getChildren().addAll(figures, table(report), chart(report), limits(report, reading.limits()),
                wrapped("spend-source", language.get("ui.spend.source", model.ledgerDir(), report.zone().getId()),
                        Styles.TEXT_MUTED), refreshButton());
    }

    private Node figure(String id, String caption, String value) {
        Label title = new Label(caption);
        title.getStyleClass().add(Styles.TEXT_MUTED);
        Label figure = new Label(value);
        figure.setId(id);
        figure.getStyleClass().add("spend-figure");
        VBox card = new VBox(2, title, figure);
        card.getStyleClass().add("spend-card");
        card.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(card, Priority.ALWAYS);
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    private Node table(SpendReport report) {
        GridPane grid = new GridPane();
        grid.setId("spend-table");
        grid.setHgap(18);
        grid.setVgap(4);
        String[] heads = {"ui.spend.target", "ui.spend.today", "ui.spend.monthColumn", "ui.spend.running",
            "ui.spend.unknown"};
        for (int column = 0; column < heads.length; column++) {
            Label head = new Label(language.get(heads[column]));
            head.getStyleClass().add("spend-table-head");
            grid.add(head, column, 0);
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHalignment(column == 0 ? HPos.LEFT : HPos.RIGHT);
            constraints.setHgrow(column == 0 ? Priority.ALWAYS : Priority.NEVER);
            constraints.setMinWidth(Region.USE_PREF_SIZE);
            grid.getColumnConstraints().add(constraints);
        }
        int row = 1;
        for (SpendReport.TargetSpend target : report.byMonthSpend()) {
            Label name = new Label(target.target());
            name.setId("spend-row-" + row);
            name.setWrapText(true);
            String running = SpendFormat.duration(target.running());
            if (!target.unpriced().isZero()) {
                running += " · " + language.get("ui.spend.noPrice", SpendFormat.duration(target.unpriced()));
            }
            grid.addRow(row, name, new Label(SpendFormat.usd(target.today())), new Label(SpendFormat.usd(target.month())),
                    new Label(running), new Label(SpendFormat.duration(target.unknown())));
            row++;
        }
        Label total = new Label(language.get("ui.spend.total"));
        total.getStyleClass().add(Styles.TEXT_BOLD);
        Label totalToday = new Label(SpendFormat.usd(report.today()));
        Label totalMonth = new Label(SpendFormat.usd(report.total()));
        totalToday.getStyleClass().add(Styles.TEXT_BOLD);
        totalMonth.getStyleClass().add(Styles.TEXT_BOLD);
        totalMonth.setId("spend-total");
        grid.addRow(row, total, totalToday, totalMonth, new Label(""),
                new Label(SpendFormat.duration(report.unknown())));
        return grid;
    }

    private Node chart(SpendReport report) {
        List<SpendReport.DaySpend> days = report.days();
        BigDecimal max = days.stream().map(SpendReport.DaySpend::usd).max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO);
        DateTimeFormatter dayFormat = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(language.locale());
        HBox bars = new HBox(3);
        bars.setId("spend-chart");
        bars.getStyleClass().add("spend-chart");
        bars.setAlignment(Pos.BOTTOM_LEFT);
        bars.setMinHeight(CHART_HEIGHT);
        bars.setPrefHeight(CHART_HEIGHT);
        for (SpendReport.DaySpend day : days) {
            Region bar = new Region();
            bar.getStyleClass().add(day.usd().signum() > 0 ? "spend-bar" : "spend-bar-empty");
            double height = max.signum() == 0 ? 1 : Math.max(day.usd().signum() > 0 ? 3 : 1,
                    day.usd().divide(max, 4, RoundingMode.HALF_UP).doubleValue() * (CHART_HEIGHT - 4));
            bar.setMinHeight(height);
            bar.setPrefHeight(height);
            bar.setMaxHeight(height);
            bar.setPrefWidth(14);
            HBox.setHgrow(bar, Priority.ALWAYS);
            bar.setMaxWidth(Double.MAX_VALUE);
            Tooltip.install(bar, new Tooltip(language.get("ui.spend.chartDay", dayFormat.format(day.day()),
                    SpendFormat.usd(day.usd()))));
            bars.getChildren().add(bar);
        }
        Label title = new Label(language.get("ui.spend.chart"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label top = new Label(language.get("ui.spend.chartMax", SpendFormat.usd(max)));
        top.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label first = new Label(dayFormat.format(days.get(0).day()));
        Label last = new Label(dayFormat.format(days.get(days.size() - 1).day()));
        first.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        last.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region between = new Region();
        HBox.setHgrow(between, Priority.ALWAYS);
        return new VBox(4, new HBox(8, title, spacer, top), bars, new HBox(first, between, last));
    }

    private Node limits(SpendReport report, SpendLimits.All limits) {
        VBox lines = new VBox(2);
        lines.setId("spend-limits");
        limits.overall().ifPresent(limit -> lines.getChildren().add(wrapped(null, language.get("ui.spend.limitOverall",
                SpendFormat.usd(limit.usd()), percent(report.total(), limit), pause(limit)), null)));
        limits.targets().forEach((name, limit) -> {
            BigDecimal spent = report.targets().stream().filter(t -> t.target().equals(name))
                    .map(SpendReport.TargetSpend::month).findFirst().orElse(BigDecimal.ZERO);
            lines.getChildren().add(wrapped(null, language.get("ui.spend.limitTarget", name,
                    SpendFormat.usd(limit.usd()), percent(spent, limit), pause(limit)), null));
        });
        return lines;
    }

    private String pause(SpendLimits.Limit limit) {
        return limit.pause() ? language.get("ui.spend.limitPause") : "";
    }

    private static String percent(BigDecimal spent, SpendLimits.Limit limit) {
        return spent.multiply(BigDecimal.valueOf(100)).divide(limit.usd(), 0, RoundingMode.DOWN).toPlainString();
    }

    private Node refreshButton() {
        Button refresh = new Button(language.get("ui.spend.refresh"));
        refresh.setId("spend-refresh");
        refresh.setOnAction(event -> model.refresh());
        return refresh;
    }

    private static Label wrapped(String id, String text, String style) {
        Label label = new Label(text);
        if (id != null) {
            label.setId(id);
        }
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        if (style != null) {
            label.getStyleClass().add(style);
        }
        return label;
    }
}
