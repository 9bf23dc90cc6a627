package app.tether.jupyter;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.util.ArrayList;
import java.util.List;

/**
 * The block of settings Tether owns inside a Jupyter config file ({@code jupyter_server_config.py} or
 * {@code jupyter_lab_config.py}), between fixed begin and end markers. Applying it replaces only that block
 * (or appends it, so it wins over earlier lines), leaves the user's own lines alone, and gives the same bytes
 * when applied twice. Values are written as escaped Python literals, never pasted in.
 */
public final class JupyterConfigBlock {
    public static final String BEGIN = "# >>> tether managed block: edited by 'tether jupyter setup', do not change by hand >>>";
    public static final String END = "# <<< tether managed block <<<";

    /**
     * The settings the block holds.
     *
     * @param serverMajorVersion jupyter_server's major version (1 uses ServerApp.password, 2+ the identity provider)
     * @param rootDir the notebook directory (absolute)
     * @param allowRoot true only when the remote user is root
     * @param passwordHash an {@code argon2:...} hash, or null for token authentication (token from JUPYTER_TOKEN)
     * @param openToNetwork listen on every interface (needs a password)
     * @param classicNotebook the server is the classic Notebook 6 ({@code NotebookApp}), not jupyter_server
     */
    public record Settings(int serverMajorVersion, int port, String rootDir, boolean allowRoot, String passwordHash,
            boolean openToNetwork, boolean classicNotebook) {
        /** Settings for jupyter_server. */
        public Settings(int serverMajorVersion, int port, String rootDir, boolean allowRoot, String passwordHash,
                boolean openToNetwork) {
            this(serverMajorVersion, port, rootDir, allowRoot, passwordHash, openToNetwork, false);
        }

        public Settings {
            if (openToNetwork && (passwordHash == null || passwordHash.isEmpty())) {
                throw new TetherException(ErrorCode.USAGE, "jupyter.error.networkNeedsPassword");
            }
            if (port < 1 || port > 65535) {
                throw new TetherException(ErrorCode.USAGE, "jupyter.error.port", port);
            }
        }
    }

    private JupyterConfigBlock() {
    }

    /** The block, markers included, ending with a newline. */
    public static String render(Settings s) {
        List<String> lines = new ArrayList<>();
        lines.add(BEGIN);
        if (s.passwordHash() == null) {
            lines.add("# The token comes from JUPYTER_TOKEN, set from a 0600 environment file by the service.");
        }
        String app = s.classicNotebook() ? "c.NotebookApp." : "c.ServerApp.";
        lines.add(app + "ip = " + PythonLiteral.of(s.openToNetwork() ? "*" : "127.0.0.1"));
        lines.add(app + "port = " + s.port());
        lines.add(app + "port_retries = 0");
        lines.add(app + "open_browser = False");
        // the classic Notebook calls the notebook directory notebook_dir; jupyter_server calls it root_dir
        lines.add(app + (s.classicNotebook() ? "notebook_dir = " : "root_dir = ") + PythonLiteral.of(s.rootDir()));
        if (s.allowRoot()) {
            lines.add(app + "allow_root = True");
        }
        if (s.passwordHash() != null) {
            if (!s.classicNotebook() && s.serverMajorVersion() >= 2) {
                lines.add("c.PasswordIdentityProvider.hashed_password = " + PythonLiteral.of(s.passwordHash()));
                lines.add("c.IdentityProvider.token = ''");
            } else {
                lines.add(app + "password = " + PythonLiteral.of(s.passwordHash()));
                lines.add(app + "token = ''");
            }
        }
        lines.add(END);
        return String.join("\n", lines) + "\n";
    }

    /** {@code existing} (null or empty when there is no file yet) with the block put in or replaced. */
    public static String apply(String existing, Settings s) {
        String block = render(s);
        String text = existing == null ? "" : existing;
        int[] span = find(text);
        if (span != null) {
            return text.substring(0, span[0]) + block + text.substring(span[1]);
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        return text + block;
    }

    /** {@code existing} without the block (unchanged when there is none). */
    public static String remove(String existing) {
        int[] span = find(existing);
        return span == null ? existing : existing.substring(0, span[0]) + existing.substring(span[1]);
    }

    /** Start (line start of BEGIN) and end (after END's newline) of the block, or null. */
    private static int[] find(String text) {
        int begin = lineIndex(text, BEGIN, 0);
        if (begin < 0) {
            return null;
        }
        int end = lineIndex(text, END, begin);
        if (end < 0) {
            throw new TetherException(ErrorCode.INVALID, "jupyter.error.brokenBlock");
        }
        int after = text.indexOf('\n', end);
        return new int[] {begin, after < 0 ? text.length() : after + 1};
    }

    /** Index of a line that is exactly {@code line}, searching from {@code from}. */
    private static int lineIndex(String text, String line, int from) {
        int at = text.indexOf(line, from);
        while (at >= 0) {
            boolean startsLine = at == 0 || text.charAt(at - 1) == '\n';
            int after = at + line.length();
            boolean endsLine = after == text.length() || text.charAt(after) == '\n' || text.charAt(after) == '\r';
            if (startsLine && endsLine) {
                return at;
            }
            at = text.indexOf(line, at + 1);
        }
        return -1;
    }
}
