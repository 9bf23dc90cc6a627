package app.tether.jupyter;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.util.List;

/**
 * Writes the systemd units that keep Jupyter running: a user unit (the user's own manager, with linger) or a
 * system unit with {@code User=}. Paths are absolute; every value is escaped for systemd (quotes, {@code $},
 * {@code %} specifiers) so no path can add a directive or an argument.
 */
public final class ServiceUnits {
    /** The user unit's file name under {@code ~/.config/systemd/user}. */
    public static final String USER_UNIT = "tether-jupyter.service";
    private static final String SHELL = "/bin/sh";

    /**
     * What the unit runs.
     *
     * @param execStart absolute program plus arguments
     * @param workingDirectory absolute directory the server starts in
     * @param environmentFile the 0600 file holding JUPYTER_TOKEN
     */
    public record Spec(List<String> execStart, String workingDirectory, String environmentFile) {
        public Spec {
            execStart = List.copyOf(execStart);
            if (execStart.isEmpty() || !execStart.get(0).startsWith("/")) {
                throw new TetherException(ErrorCode.INVALID, "jupyter.error.relativePath", String.valueOf(execStart));
            }
            requireAbsolute(workingDirectory);
            requireAbsolute(environmentFile);
        }
    }

    private ServiceUnits() {
    }

    /** The system unit's name for {@code user}: {@code tether-jupyter-<user>.service} (odd characters as _). */
    public static String systemUnitName(String user) {
        return "tether-jupyter-" + user.replaceAll("[^A-Za-z0-9_.-]", "_") + ".service";
    }

    /** A unit for the user's own systemd manager ({@code systemctl --user}). */
    public static String userUnit(Spec spec) {
        return unit(spec, null, "default.target");
    }

    /** A unit for the system manager that runs the server as {@code user}. */
    public static String systemUnit(Spec spec, String user) {
        if (user == null || user.isEmpty() || !user.matches("[A-Za-z0-9_.][A-Za-z0-9_.@-]*")) {
            throw new TetherException(ErrorCode.INVALID, "jupyter.error.userName", String.valueOf(user));
        }
        return unit(spec, user, "multi-user.target");
    }

    private static String unit(Spec spec, String user, String wantedBy) {
        StringBuilder text = new StringBuilder();
        text.append("# Written by Tether ('tether jupyter setup'); 'tether jupyter remove' deletes it.\n");
        text.append("[Unit]\n");
        text.append("Description=Jupyter server (Tether)\n");
        if (user != null) {
            text.append("After=network.target\n");
        }
        text.append("\n[Service]\n");
        text.append("Type=simple\n");
        if (user != null) {
            text.append("User=").append(user).append('\n');
        }
        text.append("EnvironmentFile=").append(pathValue(spec.environmentFile())).append('\n');
        text.append("WorkingDirectory=").append(pathValue(spec.workingDirectory())).append('\n');
        text.append("ExecStart=").append(execLine(spec.execStart())).append('\n');
        text.append("Restart=on-failure\n");
        text.append("RestartSec=5s\n");
        text.append("\n[Install]\n");
        text.append("WantedBy=").append(wantedBy).append('\n');
        return text.toString();
    }

    /**
     * The ExecStart value. systemd refuses quotes and backslashes in the program's own path and does not expand
     * {@code $} there; such a program is started through {@code /bin/sh -c 'exec "$0" "$@"'} with its path as an
     * argument, where any character can be escaped.
     */
    static String execLine(List<String> argv) {
        String program = argv.get(0);
        List<String> words = argv;
        if (program.chars().anyMatch(c -> c == '\'' || c == '"' || c == '\\' || c < 0x20 || c == 0x7f)) {
            words = new java.util.ArrayList<>(List.of(SHELL, "-c", "exec \"$0\" \"$@\""));
            words.addAll(argv);
        }
        StringBuilder line = new StringBuilder(programWord(words.get(0)));
        for (String word : words.subList(1, words.size())) {
            line.append(' ').append(execArgument(word));
        }
        return line.toString();
    }

    private static String programWord(String path) {
        return "\"" + path.replace("%", "%%") + "\"";
    }

    /** One ExecStart argument: double-quoted, with C escapes, {@code $$} and {@code %%}. */
    static String execArgument(String value) {
        if (value.equals(";")) {
            throw new TetherException(ErrorCode.INVALID, "jupyter.error.unitValue", value);
        }
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '$' -> out.append("$$");
                case '%' -> out.append("%%");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** A path setting (whole rest of the line): only specifiers need escaping; control characters cannot be said. */
    static String pathValue(String path) {
        requireAbsolute(path);
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || path.endsWith("\\")) {
            throw new TetherException(ErrorCode.INVALID, "jupyter.error.unitValue", path);
        }
        return path.replace("%", "%%");
    }

    private static void requireAbsolute(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new TetherException(ErrorCode.INVALID, "jupyter.error.relativePath", String.valueOf(path));
        }
    }
}
