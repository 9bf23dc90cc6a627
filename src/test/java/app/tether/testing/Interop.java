package app.tether.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards interop tests that need real programs (sshd, jupyter-server, ...). Where a program is missing
 * the test is skipped with the reason shown; with {@code TETHER_REQUIRE_INTEROP=1} (set by .ci/run) it
 * fails instead, so CI can never silently skip them.
 */
public final class Interop {
    private Interop() {
    }

    public static boolean required() {
        return "1".equals(System.getenv("TETHER_REQUIRE_INTEROP"));
    }

    public static void requireProgram(String path) {
        requireThat(Files.isExecutable(Path.of(path)), path + " is not installed (see .ci/run for the packages)");
    }

    public static void requireThat(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (required()) {
            Assertions.fail("Interop test cannot run: " + reason);
        }
        Assumptions.assumeTrue(false, "Skipped: " + reason);
    }
}
