package app.tether.settings;

import app.tether.core.AtomicFiles;
import app.tether.core.ErrorCode;
import app.tether.core.FileLocks;
import app.tether.core.IoReasons;
import app.tether.core.TetherException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

/**
 * The user's preferences in {@code settings.properties} (Commons Configuration's format), saved on every change.
 * Each change re-reads the file under Tether's inter-process file lock, applies itself and writes atomically, so
 * two windows or a window and a command never undo each other's settings.
 */
public final class Preferences {
    /** Which language the UI speaks. */
    public enum Language {
        SYSTEM("system"), ENGLISH("en"), CHINESE("zh-CN");

        private final String id;

        Language(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Language of(String id) {
            for (Language language : values()) {
                if (language.id.equalsIgnoreCase(id)) {
                    return language;
                }
            }
            return SYSTEM;
        }

        /** The locale to use, or null to follow the OS. */
        public Locale locale() {
            return switch (this) {
                case ENGLISH -> Locale.ENGLISH;
                case CHINESE -> Locale.SIMPLIFIED_CHINESE;
                case SYSTEM -> null;
            };
        }
    }

    /** Which colour theme the window uses. */
    public enum Theme { SYSTEM, LIGHT, DARK }

    /** A remembered window position and size. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    public static final int DEFAULT_REFRESH_SECONDS = 5;
    public static final int DEFAULT_HIDDEN_REFRESH_SECONDS = 60;

    private final Path file;
    private PropertiesConfiguration config;

    private Preferences(Path file, PropertiesConfiguration config) {
        this.file = file;
        this.config = config;
    }

    public static Preferences open(Path file) {
        try {
            return new Preferences(file, read(file));
        } catch (IOException | ConfigurationException e) {
            throw new TetherException(ErrorCode.IO, e, "error.settings.read", file, reason(e));
        }
    }

    private static PropertiesConfiguration read(Path file) throws IOException, ConfigurationException {
        PropertiesConfiguration fresh = new PropertiesConfiguration();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return fresh;
        }
        new FileHandler(fresh).load(new StringReader(text));
        return fresh;
    }

    /** Re-reads the file under the lock, applies {@code change} and writes the result atomically. */
    private void change(Consumer<PropertiesConfiguration> change) {
        try {
            config = FileLocks.withLock(file, () -> {
                PropertiesConfiguration fresh;
                try {
                    fresh = read(file);
                } catch (ConfigurationException e) {
                    throw new IOException(e.getMessage(), e);
                }
                change.accept(fresh);
                StringWriter text = new StringWriter();
                try {
                    new FileHandler(fresh).save(text);
                } catch (ConfigurationException e) {
                    throw new IOException(e.getMessage(), e);
                }
                AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
                return fresh;
            });
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.settings.write", file, IoReasons.of(e));
        }
    }

    private static String reason(Exception e) {
        return e instanceof IOException io ? IoReasons.of(io) : String.valueOf(e.getMessage());
    }

    public Path file() {
        return file;
    }

    public synchronized Language language() {
        return Language.of(config.getString("language", "system"));
    }

    public synchronized void setLanguage(Language language) {
        change(c -> c.setProperty("language", language.id()));
    }

    public synchronized Theme theme() {
        try {
            return Theme.valueOf(config.getString("theme", "SYSTEM").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Theme.SYSTEM;
        }
    }

    public synchronized void setTheme(Theme theme) {
        change(c -> c.setProperty("theme", theme.name().toLowerCase(Locale.ROOT)));
    }

    /** Seconds between status refreshes while the window is visible. */
    public synchronized int refreshSeconds() {
        return clamp(config.getInt("refresh.seconds", DEFAULT_REFRESH_SECONDS), 1, 3600);
    }

    public synchronized void setRefreshSeconds(int seconds) {
        change(c -> c.setProperty("refresh.seconds", clamp(seconds, 1, 3600)));
    }

    /** Seconds between status refreshes while the window is hidden (tray only). */
    public synchronized int hiddenRefreshSeconds() {
        return clamp(config.getInt("refresh.hiddenSeconds", DEFAULT_HIDDEN_REFRESH_SECONDS), 5, 3600);
    }

    public synchronized void setHiddenRefreshSeconds(int seconds) {
        change(c -> c.setProperty("refresh.hiddenSeconds", clamp(seconds, 5, 3600)));
    }

    public synchronized WindowBounds windowBounds() {
        if (!config.containsKey("window.width")) {
            return null;
        }
        try {
            return new WindowBounds(config.getDouble("window.x"), config.getDouble("window.y"),
                    config.getDouble("window.width"), config.getDouble("window.height"),
                    config.getBoolean("window.maximized", false));
        } catch (RuntimeException e) {
            return null;
        }
    }

    public synchronized void setWindowBounds(WindowBounds bounds) {
        change(c -> {
            c.setProperty("window.x", bounds.x());
            c.setProperty("window.y", bounds.y());
            c.setProperty("window.width", bounds.width());
            c.setProperty("window.height", bounds.height());
            c.setProperty("window.maximized", bounds.maximized());
        });
    }

    /** Whether notifications of one kind ({@code watch.NoticeKind} id) are wanted; all are until turned off. */
    public synchronized boolean notifies(String kind) {
        try {
            return config.getBoolean("notify." + kind, true);
        } catch (RuntimeException e) {
            return true; // a hand-edited value that is no boolean: keep telling the user
        }
    }

    public synchronized void setNotifies(String kind, boolean on) {
        change(c -> c.setProperty("notify." + kind, on));
    }

    /** Any other setting a feature keeps (string value), e.g. remembered tunnel ports. */
    public synchronized String get(String key, String fallback) {
        return config.getString(key, fallback);
    }

    public synchronized void set(String key, String value) {
        change(c -> {
            if (value == null) {
                c.clearProperty(key);
            } else {
                c.setProperty(key, value);
            }
        });
    }

    /** Writes the settings now (every set already does), creating the file when there is none. */
    public synchronized void save() {
        change(c -> {
        });
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
