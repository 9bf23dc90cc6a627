package app.tether.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds labels and buttons whose text the skin had to cut ("Co…"): the text node a Labeled's skin renders differs
 * from the Labeled's own text. Only what is showing counts (hidden and unmanaged nodes are skipped).
 */
final class CutText {
    private CutText() {
    }

    /** Descriptions ("Button#id: 'Copy URL' shown as 'Co…'") of every cut text under {@code root}. */
    static List<String> under(Parent root) {
        root.applyCss();
        root.layout();
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            String shown = renderedText(labeled);
            if (shown != null && !shown.equals(labeled.getText())) {
                cut.add(labeled.getClass().getSimpleName() + "#" + labeled.getId() + ": '" + labeled.getText()
                        + "' shown as '" + shown + "'");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, cut);
            }
        }
    }

    /** The text of the skin's own Text node (LabeledText), or null before the skin made one. */
    private static String renderedText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.getStyleClass().contains("text")) {
                return text.getText();
            }
        }
        return null;
    }
}
