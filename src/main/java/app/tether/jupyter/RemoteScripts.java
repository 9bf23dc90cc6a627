package app.tether.jupyter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed shell scripts Tether runs on a server. A script's text never changes with user input: values reach
 * it as positional parameters ({@code sh -c SCRIPT sh "$1" "$2" ...}), quoted by RemoteShell like any argv.
 */
final class RemoteScripts {
    /** Detects environments, versions, systemd, sudo and a free port ({@code detect.sh}). */
    static final String DETECT = load("detect.sh");
    /** start|stop|status of a background server with pid and log files ({@code background.sh}). */
    static final String BACKGROUND = load("background.sh");

    /** Prints "present" and the file in base64, or "absent"; a relative $1 is taken from $HOME. */
    static final String READ = "case $1 in /*) f=$1 ;; *) f=\"$HOME/$1\" ;; esac; "
            + "if [ -f \"$f\" ]; then echo present; base64 < \"$f\"; else echo absent; fi";

    /**
     * Writes stdin to $1 through a temp file and a rename. $2 = mode for a new file; $3 = keep (an existing file
     * keeps its mode and owner) or set (always $2).
     */
    static final String WRITE = String.join("\n",
            "set -e",
            "f=$1",
            "mkdir -p \"$(dirname \"$f\")\"",
            "tmp=\"$f.tether-tmp\"",
            "rm -f \"$tmp\"",
            "if [ \"$3\" = keep ] && [ -f \"$f\" ]; then cp -p \"$f\" \"$tmp\"; cat > \"$tmp\";",
            "else (umask 077; cat > \"$tmp\"); chmod \"$2\" \"$tmp\"; fi",
            "mv -f \"$tmp\" \"$f\"");

    /** Copies $1 to $2 keeping its mode, once: an existing $2 (the first backup) is never replaced. */
    static final String BACKUP_ONCE = "if [ -f \"$1\" ] && [ ! -e \"$2\" ]; then cp -p \"$1\" \"$2\"; fi";

    /** Runs "$@" with XDG_RUNTIME_DIR set, which {@code systemctl --user} needs and a plain ssh command may lack. */
    static final String USER_MANAGER = "if [ -z \"${XDG_RUNTIME_DIR:-}\" ]; then "
            + "XDG_RUNTIME_DIR=/run/user/$(id -u); export XDG_RUNTIME_DIR; fi; exec \"$@\"";

    private RemoteScripts() {
    }

    /** The argv that runs {@code script} with {@code args} as $1, $2, ... */
    static List<String> sh(String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        argv.addAll(List.of(args));
        return argv;
    }

    static List<String> sh(String script, List<String> args) {
        return sh(script, args.toArray(String[]::new));
    }

    private static String load(String name) {
        try (InputStream in = RemoteScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
