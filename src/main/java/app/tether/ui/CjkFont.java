package app.tether.ui;

import java.util.List;
import java.util.Optional;
import javafx.scene.text.Font;

/**
 * A font family with Chinese glyphs. JavaFX's "System" font on Linux does not fall back to CJK fonts under a
 * non-Chinese OS locale (boxes instead of text), so the window names one explicitly while it speaks Chinese.
 */
final class CjkFont {
    private static final List<String> PREFERRED = List.of("Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "Droid Sans Fallback");
    private static volatile Optional<String> family;

    private CjkFont() {
    }

    /** The first installed family of {@link #PREFERRED}; asks JavaFX once (needs the toolkit). */
    static Optional<String> family() {
        Optional<String> found = family;
        if (found == null) {
            List<String> installed = Font.getFamilies();
            found = PREFERRED.stream().filter(installed::contains).findFirst();
            family = found;
        }
        return found;
    }

    /** The inline style a scene root gets for {@code chinese} text. */
    static String rootStyle(boolean chinese) {
        return chinese ? family().map(name -> "-fx-font-family: \"" + name + "\";").orElse("") : "";
    }
}
