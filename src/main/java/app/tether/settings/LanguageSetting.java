package app.tether.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The one setting every command reads, the language, taken from {@code settings.properties} without Commons
 * Configuration: its classes, from half a dozen jars, cost each command about 0.4 s of start-up (three times
 * what {@code tether list} needs in all), and every user who has opened the window has the file. The file is
 * Commons Configuration's properties format; for this key, whose values are {@link Preferences.Language} ids,
 * {@link Properties} reads the same (LanguageSettingTest compares them on files {@link Preferences} wrote). The
 * window and its Settings go through {@link Preferences}.
 */
public final class LanguageSetting {
    private LanguageSetting() {
    }

    /** The language chosen in {@code file}; SYSTEM when none is. A file that cannot be read: IOException. */
    public static Preferences.Language read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IllegalArgumentException malformed) { // a bad \\u escape
            throw new IOException(malformed.getMessage(), malformed);
        }
        return Preferences.Language.of(properties.getProperty("language", "system").strip());
    }
}
