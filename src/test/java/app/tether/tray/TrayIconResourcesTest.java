package app.tether.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Every tray state has its icons, and the macOS ones are real template images. */
class TrayIconResourcesTest {
    @Test
    void macOsTemplateIconsAreBlackAndTransparentOnlyAndDifferPerState() throws IOException {
        Set<String> shapes = new HashSet<>();
        for (TrayState state : TrayState.values()) {
            BufferedImage image = read(state.templateResource());
            StringBuilder shape = new StringBuilder();
            int opaque = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int argb = image.getRGB(x, y);
                    int alpha = argb >>> 24;
                    if (alpha > 0) {
                        // macOS uses only the alpha of a template; any colour would show that it is not one
                        assertEquals(0, argb & 0xFFFFFF, state + " has a coloured pixel at " + x + "," + y);
                        opaque++;
                    }
                    shape.append(alpha > 127 ? '#' : '.');
                }
            }
            assertTrue(opaque > image.getWidth() * image.getHeight() / 4, state + " is nearly empty");
            shapes.add(shape.toString());
        }
        assertEquals(TrayState.values().length, shapes.size(), "each state must be told apart by its shape");
    }

    @Test
    void everyStateHasItsColourIcon() throws IOException {
        for (TrayState state : TrayState.values()) {
            assertEquals(32, read(state.iconResource()).getWidth());
        }
    }

    private static BufferedImage read(String resource) throws IOException {
        try (InputStream in = TrayIconResourcesTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return ImageIO.read(in);
        }
    }
}
