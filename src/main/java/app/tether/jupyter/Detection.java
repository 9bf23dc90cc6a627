package app.tether.jupyter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code detect.sh} found on a server: the user, systemd and sudo, conda, the Python that runs (or would
 * run) Jupyter with its packages, and a free port. Parsed from {@code key=value} lines.
 */
public record Detection(Map<String, String> values) {
    public Detection {
        values = Map.copyOf(values);
    }

    public static Detection parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                // the first value wins: later lines cannot override what the script said first
                values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).replaceAll("\r$", ""));
            }
        }
        return new Detection(values);
    }

    public String get(String key) {
        return values.getOrDefault(key, "");
    }

    private boolean flag(String key) {
        return "1".equals(get(key));
    }

    public String user() {
        return get("user");
    }

    public boolean root() {
        return "0".equals(get("uid"));
    }

    public String home() {
        return get("home");
    }

    /** PID 1 is systemd. */
    public boolean systemd() {
        return flag("systemd");
    }

    /** {@code systemctl --user} reaches the user's manager. */
    public boolean systemdUser() {
        return flag("systemd_user");
    }

    public boolean linger() {
        return "yes".equals(get("linger"));
    }

    /** Root, or sudo without a password. */
    public boolean privileged() {
        return root() || flag("sudo");
    }

    public String conda() {
        return get("conda");
    }

    /** mamba when there is one (faster), else conda; empty when neither. */
    public String condaInstaller() {
        return get("mamba").isEmpty() ? conda() : get("mamba");
    }

    /** auto, path or conda: how the environment was named. */
    public String envKind() {
        return get("env_kind");
    }

    public String envPrefix() {
        return get("env_prefix");
    }

    /** Something (a folder, a file) was at the environment path asked for before setup. */
    public boolean envDirExisted() {
        return !"0".equals(get("env_dir_exists"));
    }

    /** The named environment exists (or, automatic, a Python with jupyter_server was found). */
    public boolean envFound() {
        return flag("env_found");
    }

    /** The Python that runs Jupyter, or the one it would be installed for; empty when there is no Python. */
    public String python() {
        return get("python");
    }

    public String pythonPrefix() {
        return get("python_prefix");
    }

    public boolean pythonIsVenv() {
        return flag("python_venv");
    }

    public boolean pythonIsConda() {
        return flag("python_conda");
    }

    /** The Python is a system one that pip must not touch (PEP 668) or cannot write to. */
    public boolean pythonIsSystem() {
        return !pythonIsVenv() && !pythonIsConda() && (flag("python_managed") || !flag("python_writable"));
    }

    public String jupyterServerVersion() {
        return get("jupyter_server");
    }

    public String jupyterLabVersion() {
        return get("jupyterlab");
    }

    public boolean hasJupyterServer() {
        return !jupyterServerVersion().isEmpty();
    }

    /** The {@code notebook} package's version (6.x: the classic Notebook; 7+: an extension of jupyter_server). */
    public String notebookVersion() {
        return get("notebook");
    }

    /** The classic Notebook (before 7), which runs as a server of its own. */
    public boolean hasClassicNotebook() {
        return !notebookVersion().isEmpty() && major(notebookVersion()) < 7;
    }

    /** Something Tether can run as the server: jupyter_server, or the classic Notebook. */
    public boolean hasServer() {
        return hasJupyterServer() || hasClassicNotebook();
    }

    /** The version of what runs as the server (the classic Notebook's own when that is what runs). */
    public String serverVersion() {
        return ServerApp.of(this).classic() ? notebookVersion() : jupyterServerVersion();
    }

    public boolean hasJupyterLab() {
        return !jupyterLabVersion().isEmpty();
    }

    /** jupyter_server's major version (1 when unknown). */
    public int serverMajorVersion() {
        return major(jupyterServerVersion());
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.substring(0, version.indexOf('.') < 0 ? version.length() : version.indexOf('.')));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The first free port from the one asked for, or null when it could not be checked. */
    public Integer freePort() {
        try {
            return Integer.valueOf(get("port").strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
