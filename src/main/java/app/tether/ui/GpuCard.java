package app.tether.ui;

import app.tether.probe.GpuProcess;
import app.tether.probe.GpuSample;
import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One GPU: utilization and memory bars with 15-minute sparklines, temperature, power and its processes. */
final class GpuCard extends VBox {
    GpuCard(UiLanguage language, GpuSample gpu, List<Double> utilHistory, List<Double> memoryHistory,
            List<GpuProcess> processes) {
        super(6);
        getStyleClass().add("gpu-card");
        setId("gpu-card-" + gpu.index());

        Label title = new Label(language.get("ui.gpu.title", gpu.index(), GpuSummary.shortName(gpu.name())));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label temperature = new Label(gpu.temperatureC() == null ? language.get("ui.gpu.na")
                : language.get("ui.gpu.temperature", Math.round(gpu.temperatureC())));
        temperature.getStyleClass().addAll(Styles.TEXT_SMALL, temperatureStyle(gpu.temperatureC()));
        Label power = new Label(power(language, gpu));
        power.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox header = new HBox(10, title, spacer, temperature, power);
        header.setAlignment(Pos.CENTER_LEFT);

        GridPane meters = new GridPane();
        meters.setHgap(10);
        meters.setVgap(4);
        Double memory = gpu.memoryPercent();
        addMeter(meters, 0, language.get("ui.gpu.utilization"), gpu.utilizationPercent(),
                gpu.utilizationPercent() == null ? language.get("ui.gpu.na")
                        : language.get("ui.gpu.percent", Math.round(gpu.utilizationPercent())),
                utilHistory, "meter", "sparkline-util");
        addMeter(meters, 1, language.get("ui.gpu.memory"), memory,
                gpu.memoryUsedMiB() == null || gpu.memoryTotalMiB() == null ? language.get("ui.gpu.na")
                        : language.get("ui.gpu.memory.value", gib(gpu.memoryUsedMiB()), gib(gpu.memoryTotalMiB())),
                memoryHistory, "meter-memory", "sparkline-memory");
        getChildren().addAll(header, meters);

        List<GpuProcess> mine = processes.stream().filter(p -> gpu.uuid() != null && gpu.uuid().equals(p.gpuUuid()))
                .toList();
        for (GpuProcess process : mine) {
            Label line = new Label(language.get("ui.gpu.process", String.valueOf(process.pid()), process.processName(),
                    process.usedMemoryMiB() == null ? language.get("ui.gpu.na") : gib(process.usedMemoryMiB())));
            line.getStyleClass().addAll(Styles.TEXT_SMALL, "gpu-process");
            getChildren().add(line);
        }
    }

    private static void addMeter(GridPane grid, int row, String label, Double percent, String value, List<Double> history,
            String barStyle, String sparkStyle) {
        Label name = new Label(label);
        name.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        name.setMinWidth(64);
        ProgressBar bar = new ProgressBar(percent == null ? 0 : percent / 100.0);
        bar.getStyleClass().addAll(barStyle, Styles.SMALL);
        bar.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(bar, Priority.ALWAYS);
        Label text = new Label(value);
        text.getStyleClass().add(Styles.TEXT_SMALL);
        text.setMinWidth(110);
        grid.addRow(row, name, bar, text, new Sparkline(history, 120, 22, sparkStyle));
    }

    private static String power(UiLanguage language, GpuSample gpu) {
        if (gpu.powerW() == null) {
            return language.get("ui.gpu.power.na");
        }
        return gpu.powerLimitW() == null ? language.get("ui.gpu.power", Math.round(gpu.powerW()))
                : language.get("ui.gpu.power.limit", Math.round(gpu.powerW()), Math.round(gpu.powerLimitW()));
    }

    private static String temperatureStyle(Double celsius) {
        if (celsius == null) {
            return Styles.TEXT_MUTED;
        }
        return celsius >= 85 ? Styles.DANGER : celsius >= 75 ? Styles.WARNING : Styles.TEXT_MUTED;
    }

    static String gib(long mib) {
        return String.format(Locale.ROOT, "%.1f GiB", mib / 1024.0);
    }
}
