package app.tether.handoff;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.TetherException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real opener processes (small scripts standing in for xdg-open) tell whether a browser opened. */
class CheckedBrowserTest {
    private static final URI NOTEBOOK = URI.create("http://127.0.0.1:8888/lab?token=secret");

    @TempDir
    Path dir;

    private Path opener(String body) throws Exception {
        Path script = dir.resolve("xdg-open");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private CheckedBrowser browser(Path program) {
        return new CheckedBrowser(uri -> List.of(program.toString(), uri.toString()), Duration.ofSeconds(3));
    }

    @Test
    void anOpenerThatFindsNoBrowserIsReportedWithItsExitStatus() throws Exception {
        // What xdg-open does on a desktop without any browser: "no method available", exit 3.
        Path xdgOpen = opener("echo 'xdg-open: no method available for opening' >&2; exit 3");
        TetherException failure = assertThrows(TetherException.class, () -> browser(xdgOpen).open(NOTEBOOK));
        assertTrue(failure.getLocalizedMessage().contains("exit status 3"), failure.getLocalizedMessage());
        assertFalse(failure.getLocalizedMessage().contains("secret"), "the token never reaches a message");
    }

    @Test
    void aMissingOpenerIsReported() {
        TetherException failure = assertThrows(TetherException.class,
                () -> browser(dir.resolve("no-such-opener")).open(NOTEBOOK));
        assertTrue(failure.getLocalizedMessage().contains("no-such-opener"), failure.getLocalizedMessage());
    }

    @Test
    void anOpenerThatSucceedsOrKeepsRunningCountsAsOpened() throws Exception {
        Path seen = dir.resolve("seen");
        assertDoesNotThrow(() -> browser(opener("printf '%s' \"$1\" > " + seen + "; exit 0")).open(NOTEBOOK));
        assertTrue(Files.readString(seen).equals(NOTEBOOK.toString()), "the address arrives as one argument");
        long start = System.nanoTime();
        assertDoesNotThrow(() -> browser(opener("exec sleep 6")).open(NOTEBOOK));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "waits only a few seconds");
    }
}
