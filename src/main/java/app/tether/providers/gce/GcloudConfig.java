package app.tether.providers.gce;

import app.tether.core.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * gcloud's own configuration folder ({@code $CLOUDSDK_CONFIG}, else {@code ~/.config/gcloud}, on Windows
 * {@code %APPDATA%\gcloud}) and the core project of its active configuration.
 */
final class GcloudConfig {
    private GcloudConfig() {
    }

    static Path directory(Environment environment) {
        String config = environment.variable("CLOUDSDK_CONFIG");
        if (config != null) {
            return Path.of(config);
        }
        String appData = environment.variable("APPDATA");
        if (appData != null && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Path.of(appData, "gcloud");
        }
        return environment.userHome().resolve(".config").resolve("gcloud");
    }

    /** {@code [core] project} of the active configuration ({@code CLOUDSDK_ACTIVE_CONFIG_NAME}, {@code active_config}, else "default"). */
    static String activeProject(Environment environment) {
        Path dir = directory(environment);
        String name = environment.variable("CLOUDSDK_ACTIVE_CONFIG_NAME");
        if (name == null) {
            try {
                name = Files.readString(dir.resolve("active_config")).strip();
            } catch (IOException e) {
                name = "";
            }
        }
        if (name.isEmpty()) {
            name = "default";
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve("configurations").resolve("config_" + name));
        } catch (IOException e) {
            return null;
        }
        String section = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
            } else if (section.equals("core") && line.contains("=")) {
                String key = line.substring(0, line.indexOf('=')).strip();
                String value = line.substring(line.indexOf('=') + 1).strip();
                if (key.equals("project") && !value.isEmpty()) {
                    return value;
                }
            }
        }
        return null;
    }
}
