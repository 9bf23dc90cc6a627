package app.tether.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Best-effort guess whether the desktop prefers a dark theme (GNOME/GTK settings, macOS, Windows); light when unsure. */
public final class OsColorScheme {
    private OsColorScheme() {
    }

    /** Asks the OS; may run small programs, so call it off the FX thread. */
    public static boolean prefersDark() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return output(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).toLowerCase(Locale.ROOT).contains("dark");
        }
        if (os.startsWith("windows")) {
            String out = output(List.of("reg", "query",
                    "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme"));
            return out.contains("0x0");
        }
        return linuxPrefersDark(System.getenv());
    }

    static boolean linuxPrefersDark(Map<String, String> env) {
        String gtkTheme = env.getOrDefault("GTK_THEME", "");
        if (!gtkTheme.isBlank()) {
            return isDarkName(gtkTheme);
        }
        String scheme = output(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
        if (scheme.contains("prefer-dark")) {
            return true;
        }
        if (scheme.contains("prefer-light")) {
            return false;
        }
        return isDarkName(output(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme")));
    }

    static boolean isDarkName(String themeName) {
        return themeName.toLowerCase(Locale.ROOT).contains("dark");
    }

    /** The program's output, or "" when it is missing, fails or takes too long. */
    private static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            try (InputStream in = process.getInputStream()) {
                return process.exitValue() == 0 ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : "";
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
