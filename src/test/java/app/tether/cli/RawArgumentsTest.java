package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovering argv bytes from a /proc/self/cmdline image, and refusing one that does not match. */
class RawArgumentsTest {
    @TempDir
    Path dir;

    @Test
    void theTailOfTheCommandLineIsTakenWhenItMatchesWhatJavaDecoded() throws Exception {
        Path cmdline = dir.resolve("cmdline");
        Files.write(cmdline, new byte[] {'j', 'a', 'v', 'a', 0, 'e', 'x', 'e', 'c', 0, 'x', (byte) 0xff, 0});
        List<byte[]> raw = RawArguments.of(new String[] {"exec", "x\uFFFD"}, cmdline, StandardCharsets.UTF_8);
        assertArrayEquals(new byte[] {'x', (byte) 0xff}, raw.get(1));
        // The C locale's '?' for the same byte matches too.
        assertArrayEquals(new byte[] {'x', (byte) 0xff},
                RawArguments.of(new String[] {"x?"}, cmdline, StandardCharsets.US_ASCII).get(0));
    }

    @Test
    void aCommandLineThatDoesNotMatchIsNotTrusted() throws Exception {
        Path cmdline = dir.resolve("cmdline");
        Files.write(cmdline, "java\0exec\0other\0".getBytes(StandardCharsets.UTF_8));
        assertNull(RawArguments.of(new String[] {"exec", "x"}, cmdline, StandardCharsets.UTF_8));
        assertNull(RawArguments.of(new String[] {"a", "b", "c", "d"}, cmdline, StandardCharsets.UTF_8));
        assertNull(RawArguments.of(new String[] {"x"}, dir.resolve("missing"), StandardCharsets.UTF_8));
    }
}
