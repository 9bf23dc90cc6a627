package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** The bundled Chinese font: JavaFX can load it, and it has a glyph for every character of the Chinese texts. */
@ExtendWith(ApplicationExtension.class)
class CjkFontTest {
    @Test
    void theBundledFontLoadsIntoJavaFx() {
        Optional<String> family = CjkFont.bundled();
        assertEquals(Optional.of("WenQuanYi Micro Hei"), family);
        // What the window relies on: the family, named in a style, resolves to this font. (Font.getFamilies() is no
        // check for that: JavaFX lists its families once, so a window opened earlier in this JVM hides the font.)
        assertEquals(family.get(), javafx.scene.text.Font.font(family.get(), 13).getFamily());
        assertNotEquals(family.get(), javafx.scene.text.Font.font("No Such Family Anywhere", 13).getFamily(),
                "an unknown family falls back to another font");
    }

    @Test
    void theBundledFontCoversEveryCharacterOfTheChineseBundles() throws Exception {
        Font font;
        try (InputStream in = CjkFont.class.getResourceAsStream(CjkFont.BUNDLED)) {
            font = Font.createFont(Font.TRUETYPE_FONT, in);
        }
        TreeSet<String> missing = new TreeSet<>();
        List<Path> bundles;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/app/tether/i18n"))) {
            bundles = files.filter(p -> p.getFileName().toString().endsWith("_zh_CN.properties")).toList();
        }
        assertTrue(bundles.size() > 5, "found the bundles: " + bundles);
        for (Path bundle : bundles) {
            Files.readString(bundle, StandardCharsets.UTF_8).codePoints()
                    .filter(cp -> cp >= 0x20 && !font.canDisplay(cp))
                    .forEach(cp -> missing.add(new String(Character.toChars(cp)) + " (" + bundle.getFileName() + ")"));
        }
        assertEquals(new TreeSet<>(), missing, "new characters: run packaging/fonts/subset-cjk.sh");
        assertTrue(font.canDisplay('\u5b9e') && font.canDisplay('\u9a8c'), "common characters users type (实验) too");
    }
}
