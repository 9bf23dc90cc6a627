package app.tether.instance;

import app.tether.core.AtomicFiles;
import app.tether.core.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Settings' "Start at login" on Linux desktops: an XDG autostart entry
 * ({@code $XDG_CONFIG_HOME/autostart/tether-instance.desktop}) that runs {@code tether instance run}, so the
 * instance (and its tunnels) is there before the first command. Other systems do not offer it yet.
 */
public final class LoginAutostart {
    private final Path file;

    public LoginAutostart(Path file) {
        this.file = file;
    }

    public static LoginAutostart of(Environment environment) {
        String xdg = environment.variable("XDG_CONFIG_HOME");
        Path config = xdg != null ? Path.of(xdg) : environment.userHome().resolve(".config");
        return new LoginAutostart(config.resolve("autostart").resolve("tether-instance.desktop"));
    }

    /** Only Linux and the BSDs read XDG autostart entries. */
    public static boolean supported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return !os.startsWith("windows") && !os.startsWith("mac");
    }

    public Path file() {
        return file;
    }

    public boolean enabled() {
        return Files.isRegularFile(file);
    }

    /** Writes the entry to run {@code command} at login. */
    public void enable(List<String> command) throws IOException {
        AtomicFiles.write(file, entry(command).getBytes(StandardCharsets.UTF_8));
    }

    public void disable() throws IOException {
        Files.deleteIfExists(file);
    }

    /** How this Tether is started: the app image's launcher, else this JVM with its class path. */
    public static List<String> thisTether(String... args) {
        List<String> command = new ArrayList<>();
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null) {
            command.add(launcher);
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "app.tether.Main"));
        }
        command.addAll(List.of(args));
        return command;
    }

    static String entry(List<String> command) {
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=Tether (background)\n"
                + "Comment=Keeps SSH sessions and notebook tunnels for the tether command and the window\n"
                + "Exec=" + command.stream().map(LoginAutostart::quote).collect(Collectors.joining(" ")) + "\n"
                + "Terminal=false\n"
                + "NoDisplay=true\n"
                + "X-GNOME-Autostart-enabled=true\n";
    }

    /** An Exec argument as the Desktop Entry spec wants it: quoted when needed, with \", \`, \$ and \\ escaped. */
    static String quote(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> " \t\n\"'\\><~|&;$*?#()`=%".indexOf(c) >= 0)) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : argument.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c == '%' ? "%%" : String.valueOf(c));
        }
        return quoted.append('"').toString();
    }
}
