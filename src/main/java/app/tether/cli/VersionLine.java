package app.tether.cli;

import app.tether.Version;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code tether --version} (or {@code -V}) alone, answered before anything else starts: no picocli, no instance,
 * no logging; the same line picocli prints for it (its {@link VersionProvider} uses {@link #text()}).
 */
public final class VersionLine {
    private VersionLine() {
    }

    /** The version text, as picocli shows it. */
    static String text() {
        return "tether ".concat(Version.current());
    }

    /** Prints the version and returns true when {@code args} asks for nothing else; otherwise does nothing. */
    public static boolean answer(String[] args) {
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            return false;
        }
        // picocli prints it with println through a UTF-8 writer: the same bytes here.
        byte[] line = (text() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        PrintStream out = System.out;
        out.write(line, 0, line.length);
        out.flush();
        return true;
    }
}
