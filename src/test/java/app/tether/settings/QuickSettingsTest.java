package app.tether.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language read without Commons Configuration is the one {@link Preferences} reads, on files Preferences wrote
 * beside every other setting the window keeps, and on hand-written ones.
 */
class QuickSettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatPreferencesWroteAndReads() throws Exception {
        Path file = dir.resolve("settings.properties");
        Preferences preferences = Preferences.open(file);
        preferences.setWindowBounds(new Preferences.WindowBounds(10.5, 20, 1280, 800, true));
        preferences.setTheme(Preferences.Theme.DARK);
        preferences.setRefreshSeconds(7);
        preferences.setNotifies("preemption", false);
        preferences.set("note", "a value with = and : and \\ and 中文");
        assertEquals(Preferences.Language.SYSTEM, QuickSettings.language(file), "no language chosen yet");
        for (Preferences.Language language : Preferences.Language.values()) {
            preferences.setLanguage(language);
            assertEquals(language, Preferences.open(file).language());
            assertEquals(language, QuickSettings.language(file), Files.readString(file));
        }
    }

    @Test
    void handWrittenFilesReadAsPreferencesReadsThem() throws Exception {
        for (String text : new String[] {"# mine\nlanguage: zh-CN\n", "  language=ZH-cn  \n", "language = en\r\n",
            "language = klingon\n", "theme = dark\n", ""}) {
            Path file = Files.writeString(dir.resolve("settings.properties"), text);
            assertEquals(Preferences.open(file).language(), QuickSettings.language(file), text);
        }
    }

    @Test
    void anUnreadableFileIsAnIoException() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.properties"), "language = \\u12G4\n");
        assertThrows(IOException.class, () -> QuickSettings.language(bad));
        Path notUtf8 = Files.write(dir.resolve("latin1.properties"), new byte[] {'a', '=', (byte) 0xE9, '\n'});
        assertThrows(IOException.class, () -> QuickSettings.language(notUtf8));
        assertThrows(IOException.class, () -> QuickSettings.language(dir.resolve("missing.properties")));
    }
}
