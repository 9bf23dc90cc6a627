package app.tether.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import javafx.scene.text.Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A font family with Chinese glyphs. JavaFX's "System" font on Linux does not fall back to CJK fonts under a
 * non-Chinese OS locale (boxes instead of text), so the window names one explicitly while it speaks Chinese:
 * an installed one when there is one, else the subset of WenQuanYi Micro Hei bundled with Tether (760 KB:
 * every character of the Chinese texts plus the 3755 common characters of GB2312 level 1; see
 * packaging/fonts/subset-cjk.sh and fonts/LICENSE-wqy-microhei.txt).
 */
final class CjkFont {
    private static final Logger LOG = LoggerFactory.getLogger(CjkFont.class);
    private static final List<String> PREFERRED = List.of("Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "Droid Sans Fallback");
    /** The bundled subset, a classpath resource. */
    static final String BUNDLED = "/app/tether/fonts/wqy-microhei-subset.ttf";
    private static volatile Optional<String> family;

    private CjkFont() {
    }

    /** The first installed family of {@link #PREFERRED}, else the bundled one; asks JavaFX once (needs the toolkit). */
    static Optional<String> family() {
        Optional<String> found = family;
        if (found == null) {
            List<String> installed = Font.getFamilies();
            found = PREFERRED.stream().filter(installed::contains).findFirst().or(CjkFont::bundled);
            family = found;
        }
        return found;
    }

    /** Registers the bundled font with JavaFX and returns its family name; empty if it cannot be read. */
    static Optional<String> bundled() {
        try (InputStream in = CjkFont.class.getResourceAsStream(BUNDLED)) {
            Font font = in == null ? null : Font.loadFont(in, 13);
            if (font == null) {
                LOG.warn("The bundled Chinese font {} could not be loaded; Chinese text may show as boxes", BUNDLED);
                return Optional.empty();
            }
            return Optional.of(font.getFamily());
        } catch (IOException e) {
            LOG.warn("Cannot read the bundled Chinese font {}", BUNDLED, e);
            return Optional.empty();
        }
    }

    /** The inline style a scene root gets for {@code chinese} text. */
    static String rootStyle(boolean chinese) {
        return chinese ? family().map(name -> "-fx-font-family: \"" + name + "\";").orElse("") : "";
    }
}
