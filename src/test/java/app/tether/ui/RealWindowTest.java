package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.testing.Interop;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real window, not Monocle: a separate JVM with JavaFX's GTK glass on an Xvfb display renders the main
 * window with a few servers (and the GPU cards) through {@link ScreenshotTool}.
 */
@Tag("interop")
class RealWindowTest {
    private static final String XVFB_RUN = "/usr/bin/xvfb-run";

    @TempDir
    Path dir;

    @Test
    void mainWindowRendersUnderXvfbInBothLanguages() throws Exception {
        Interop.requireProgram(XVFB_RUN);
        for (String language : List.of("en", "zh")) {
            BufferedImage image = render(language, "");
            assertEquals(1200, image.getWidth(), language);
            assertTrue(image.getHeight() >= 700, language + ": height " + image.getHeight());
            assertTrue(distinctColours(image) > 200, language + ": the window looks blank");
        }
    }

    @Test
    void gpuCardsRenderUnderXvfb() throws Exception {
        Interop.requireProgram(XVFB_RUN);
        BufferedImage image = render("en", "gpu");
        assertTrue(image.getHeight() >= 900, "height " + image.getHeight());
        assertTrue(distinctColours(image) > 200, "the window looks blank");
    }

    private BufferedImage render(String language, String extra) throws Exception {
        Path out = dir.resolve("window-" + language + extra + ".png");
        Path log = dir.resolve("window-" + language + extra + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(XVFB_RUN, "-a", "-s", "-screen 0 1400x1100x24",
                java, "-cp", System.getProperty("java.class.path"), ScreenshotTool.class.getName(), language,
                out.toString()));
        if (!extra.isEmpty()) {
            command.add(extra);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertTrue(ended, "the window did not render within 3 minutes: " + Files.readString(log));
        assertEquals(0, process.exitValue(), Files.readString(log));
        assertTrue(Files.exists(out) && Files.size(out) > 10_000, "no screenshot: " + Files.readString(log));
        return ImageIO.read(out.toFile());
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
