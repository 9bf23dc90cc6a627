package app.tether.settings;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.builder.FileBasedConfigurationBuilder;
import org.apache.commons.configuration2.builder.fluent.Parameters;
import org.apache.commons.configuration2.ex.ConfigurationException;

/** The user's preferences in {@code settings.properties} (Commons Configuration), saved on every change. */
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
    private final FileBasedConfigurationBuilder<PropertiesConfiguration> builder;
    private final PropertiesConfiguration config;

    private Preferences(Path file, FileBasedConfigurationBuilder<PropertiesConfiguration> builder,
            PropertiesConfiguration config) {
        this.file = file;
        this.builder = builder;
        this.config = config;
    }

    public static Preferences open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            FileBasedConfigurationBuilder<PropertiesConfiguration> builder =
                    new FileBasedConfigurationBuilder<>(PropertiesConfiguration.class)
                            .configure(new Parameters().properties().setFile(file.toFile()).setEncoding("UTF-8"));
            builder.setAutoSave(true);
            return new Preferences(file, builder, builder.getConfiguration());
        } catch (java.io.IOException | ConfigurationException e) {
            throw new TetherException(ErrorCode.IO, e, "error.settings.read", file, e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    public synchronized Language language() {
        return Language.of(config.getString("language", "system"));
    }

    public synchronized void setLanguage(Language language) {
        config.setProperty("language", language.id());
    }

    public synchronized Theme theme() {
        try {
            return Theme.valueOf(config.getString("theme", "SYSTEM").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Theme.SYSTEM;
        }
    }

    public synchronized void setTheme(Theme theme) {
        config.setProperty("theme", theme.name().toLowerCase(Locale.ROOT));
    }

    /** Seconds between status refreshes while the window is visible. */
    public synchronized int refreshSeconds() {
        return clamp(config.getInt("refresh.seconds", DEFAULT_REFRESH_SECONDS), 1, 3600);
    }

    public synchronized void setRefreshSeconds(int seconds) {
        config.setProperty("refresh.seconds", clamp(seconds, 1, 3600));
    }

    /** Seconds between status refreshes while the window is hidden (tray only). */
    public synchronized int hiddenRefreshSeconds() {
        return clamp(config.getInt("refresh.hiddenSeconds", DEFAULT_HIDDEN_REFRESH_SECONDS), 5, 3600);
    }

    public synchronized void setHiddenRefreshSeconds(int seconds) {
        config.setProperty("refresh.hiddenSeconds", clamp(seconds, 5, 3600));
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
        config.setProperty("window.x", bounds.x());
        config.setProperty("window.y", bounds.y());
        config.setProperty("window.width", bounds.width());
        config.setProperty("window.height", bounds.height());
        config.setProperty("window.maximized", bounds.maximized());
    }

    /** Any other setting a feature keeps (string value), e.g. remembered tunnel ports. */
    public synchronized String get(String key, String fallback) {
        return config.getString(key, fallback);
    }

    public synchronized void set(String key, String value) {
        if (value == null) {
            config.clearProperty(key);
        } else {
            config.setProperty(key, value);
        }
    }

    /** Writes pending changes now (auto-save already does on every set). */
    public synchronized void save() {
        try {
            builder.save();
        } catch (ConfigurationException e) {
            throw new TetherException(ErrorCode.IO, e, "error.settings.write", file, e.getMessage());
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
