package app.tether.ui;

import java.util.List;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Polyline;

/** A small line of the last samples (0–100 %), oldest on the left. */
final class Sparkline extends Pane {
    Sparkline(List<Double> values, double width, double height, String styleClass) {
        getStyleClass().add("sparkline-box");
        setMinSize(width, height);
        setPrefSize(width, height);
        setMaxSize(width, height);
        Polyline line = new Polyline();
        line.getStyleClass().addAll("sparkline", styleClass);
        int n = values.size();
        for (int i = 0; i < n; i++) {
            Double value = values.get(i);
            double v = value == null ? 0 : Math.max(0, Math.min(100, value));
            double x = n == 1 ? width : i * width / (n - 1);
            line.getPoints().addAll(x, height - 1 - v * (height - 2) / 100.0);
        }
        getChildren().add(line);
    }
}
