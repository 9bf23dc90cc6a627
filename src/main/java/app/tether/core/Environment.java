package app.tether.core;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every path Tether uses, decided once from the environment: {@code TETHER_HOME} overrides the OS
 * default config directory; {@code HOME} (or {@code user.home}) locates {@code ~/.ssh}. {@code variables} are
 * the process environment (cloud credentials and endpoints such as {@code HF_TOKEN}, {@code HF_ENDPOINT}); tests
 * give their own instead of changing the real one.
 */
public record Environment(Path home, Path userHome, Map<String, String> variables) {

    public Environment {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** An environment with no variables (tests and places that need only the paths). */
    public Environment(Path home, Path userHome) {
        this(home, userHome, Map.of());
    }

    public static Environment fromSystem() {
        return from(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    /** The environment another process of this user described with its variables (the instance's clients). */
    public static Environment fromVariables(Map<String, String> env) {
        return from(env, System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static Environment from(Map<String, String> env, String osName, String userHomeProperty) {
        String homeVar = env.get("HOME");
        Path userHome = Path.of(homeVar != null && !homeVar.isBlank() ? homeVar : userHomeProperty);
        String tetherHome = env.get("TETHER_HOME");
        if (tetherHome != null && !tetherHome.isBlank()) {
            return new Environment(Path.of(tetherHome).toAbsolutePath(), userHome, env);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path home;
        if (os.startsWith("mac")) {
            home = userHome.resolve("Library/Application Support/Tether");
        } else if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            home = appData != null ? Path.of(appData, "Tether") : userHome.resolve("AppData/Roaming/Tether");
        } else {
            String xdg = env.get("XDG_CONFIG_HOME");
            home = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".config")).resolve("tether");
        }
        return new Environment(home.toAbsolutePath(), userHome, env);
    }

    /** The environment variable {@code name}, or null when it is unset or blank. */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** This environment with {@code name} set to {@code value} (null removes it). */
    public Environment withVariable(String name, String value) {
        Map<String, String> copy = new HashMap<>(variables);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new Environment(home, userHome, copy);
    }

    public Path inventoryFile() {
        return home.resolve("inventory.json");
    }

    public Path settingsFile() {
        return home.resolve("settings.properties");
    }

    public Path secretsDir() {
        return home.resolve("secrets");
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Path sshDir() {
        return userHome.resolve(".ssh");
    }

    public Path sshConfig() {
        return sshDir().resolve("config");
    }

    public Path knownHosts() {
        return sshDir().resolve("known_hosts");
    }
}
