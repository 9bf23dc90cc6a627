package app.tether.tray.sni;

import app.tether.tray.TrayState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The tray icons in both forms SNI hosts read: {@code IconPixmap} (ARGB32, network byte order) and an
 * {@code IconName} found under {@code IconThemePath} (the PNGs copied into a folder of Tether's own).
 */
final class SniIcons {
    private final Map<TrayState, List<Pixmap>> pixmaps = new EnumMap<>(TrayState.class);
    private final Path themePath;

    private SniIcons(Path themePath) {
        this.themePath = themePath;
    }

    /** Reads the icon resources and copies them into {@code themePath} (created when missing). */
    static SniIcons load(Path themePath) throws IOException {
        SniIcons icons = new SniIcons(themePath);
        Files.createDirectories(themePath);
        for (TrayState state : TrayState.values()) {
            try (InputStream in = SniIcons.class.getResourceAsStream(state.iconResource())) {
                if (in == null) {
                    throw new IOException("missing " + state.iconResource());
                }
                byte[] png = in.readAllBytes();
                icons.pixmaps.put(state, List.of(pixmap(ImageIO.read(new ByteArrayInputStream(png)))));
                Path file = themePath.resolve(name(state) + ".png");
                Path temp = Files.createTempFile(themePath, "icon", ".tmp");
                Files.write(temp, png);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return icons;
    }

    /** Each pixel as A, R, G, B bytes (big-endian ARGB32), row by row. */
    static Pixmap pixmap(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] data = new byte[width * height * 4];
        int at = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                data[at++] = (byte) (argb >>> 24);
                data[at++] = (byte) (argb >>> 16);
                data[at++] = (byte) (argb >>> 8);
                data[at++] = (byte) argb;
            }
        }
        return new Pixmap(width, height, data);
    }

    static String name(TrayState state) {
        return "tether-tray-" + state.name().toLowerCase(Locale.ROOT);
    }

    List<Pixmap> pixmaps(TrayState state) {
        return pixmaps.get(state);
    }

    String themePath() {
        return themePath.toString();
    }
}
