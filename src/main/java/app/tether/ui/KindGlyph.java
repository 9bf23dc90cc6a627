package app.tether.ui;

import app.tether.inventory.TargetKind;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.SVGPath;

/** A small vector icon per kind of target (server rack, hugging face, cloud). */
final class KindGlyph {
    private static final String SERVER = "M4 3h16a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z"
            + "M4 13h16a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1z"
            + "M6 6v2h2V6zM6 16v2h2v-2zM11 6.5v1h7v-1zM11 16.5v1h7v-1z";
    private static final String FACE = "M12 2a10 10 0 1 1 0 20a10 10 0 1 1 0-20z"
            + "M8.5 8a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3zM15.5 8a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3z"
            + "M7 14c1 2.5 3 3.5 5 3.5s4-1 5-3.5z";
    private static final String CLOUD = "M6.5 19h11a4.5 4.5 0 0 0 .7-8.95A6.5 6.5 0 0 0 5.6 9.6 4.75 4.75 0 0 0 6.5 19z";

    private KindGlyph() {
    }

    static SVGPath of(TargetKind kind) {
        SVGPath path = new SVGPath();
        path.setContent(switch (kind) {
            case SSH -> SERVER;
            case HF_SPACE -> FACE;
            case GCE, CNB -> CLOUD;
        });
        path.setFillRule(FillRule.EVEN_ODD);
        path.getStyleClass().addAll("kind-glyph", "kind-" + kind.id());
        return path;
    }
}
