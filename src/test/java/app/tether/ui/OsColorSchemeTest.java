package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guessing the desktop's dark mode from GTK settings. */
class OsColorSchemeTest {
    @Test
    void gtkThemeVariableDecides() {
        assertTrue(OsColorScheme.linuxPrefersDark(Map.of("GTK_THEME", "Adwaita:dark")));
        assertTrue(OsColorScheme.linuxPrefersDark(Map.of("GTK_THEME", "Yaru-Dark")));
        assertFalse(OsColorScheme.linuxPrefersDark(Map.of("GTK_THEME", "Adwaita")));
    }

    @Test
    void themeNamesWithDarkAreDark() {
        assertTrue(OsColorScheme.isDarkName("'Pop-dark'"));
        assertFalse(OsColorScheme.isDarkName("'Adwaita'"));
    }
}
