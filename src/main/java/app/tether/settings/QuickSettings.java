package app.tether.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code settings.properties} read with the JDK's {@link Properties}, for the settings every command looks at as it
 * starts (the language; whether to use a background instance): Commons Configuration, which {@link Preferences}
 * uses, cost each command about 0.4 s of start-up (its classes from half a dozen jars, three times what
 * {@code tether list} needs in all), and every user who has opened the window has the file. The file is Commons
 * Configuration's properties format; for these keys, whose values are single words, {@link Properties} reads the
 * same (QuickSettingsTest compares them on files {@link Preferences} wrote). The window and its Settings go
 * through {@link Preferences}.
 */
public final class QuickSettings {
    private QuickSettings() {
    }

    /** Every setting in {@code file} as text; a file that is missing or cannot be read: IOException. */
    public static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IllegalArgumentException malformed) { // a bad \\u escape
            throw new IOException(malformed.getMessage(), malformed);
        }
        return properties;
    }

    /** The language chosen in {@code file}; SYSTEM when none is. */
    public static Preferences.Language language(Path file) throws IOException {
        return Preferences.Language.of(read(file).getProperty("language", "system").strip());
    }
}
