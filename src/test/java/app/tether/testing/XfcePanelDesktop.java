package app.tether.testing;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * A real StatusNotifierItem host for tests: Xvfb, a private session bus and xfce4-panel (Debian's) with only its
 * systray plugin, whose StatusNotifierWatcher items register with. Screenshots with ImageMagick's {@code import},
 * mouse and keys with {@code xdotool}. Closing stops every process it started.
 */
public final class XfcePanelDesktop implements AutoCloseable {
    public static final String XVFB = "/usr/bin/Xvfb";
    public static final String PANEL = "/usr/bin/xfce4-panel";
    public static final String XDOTOOL = "/usr/bin/xdotool";
    public static final String IMPORT = "/usr/bin/import";
    public static final List<String> PROGRAMS = List.of(XVFB, PANEL, XDOTOOL, IMPORT, PrivateBus.DBUS_DAEMON,
            PrivateBus.GDBUS);
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;
    /** The panel: a 32-pixel bar across the top with nothing but the tray. */
    private static final String PANEL_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <channel name="xfce4-panel" version="1.0">
              <property name="configver" type="int" value="2"/>
              <property name="panels" type="array">
                <value type="int" value="1"/>
                <property name="panel-1" type="empty">
                  <property name="position" type="string" value="p=6;x=0;y=0"/>
                  <property name="length" type="uint" value="100"/>
                  <property name="position-locked" type="bool" value="true"/>
                  <property name="icon-size" type="uint" value="24"/>
                  <property name="size" type="uint" value="32"/>
                  <property name="plugin-ids" type="array">
                    <value type="int" value="1"/>
                  </property>
                </property>
              </property>
              <property name="plugins" type="empty">
                <property name="plugin-1" type="string" value="systray"/>
              </property>
            </channel>
            """;

    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    private String display;
    private PrivateBus bus;

    private XfcePanelDesktop(Path dir) {
        this.dir = dir;
    }

    /** Starts it all and waits (20 s at most) until the panel's watcher and host are on the bus. */
    public static XfcePanelDesktop start(Path dir) throws IOException, InterruptedException {
        XfcePanelDesktop desktop = new XfcePanelDesktop(dir);
        try {
            desktop.launch();
            return desktop;
        } catch (IOException | InterruptedException | RuntimeException e) {
            desktop.close();
            throw e;
        }
    }

    private void launch() throws IOException, InterruptedException {
        Path config = dir.resolve("config/xfce4/xfconf/xfce-perchannel-xml");
        Files.createDirectories(config);
        Files.writeString(config.resolve("xfce4-panel.xml"), PANEL_XML);
        int number = freeDisplay();
        display = ":" + number;
        processes.add(new ProcessBuilder(XVFB, display, "-screen", "0", WIDTH + "x" + HEIGHT + "x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start());
        waitFor(() -> Files.exists(Path.of("/tmp/.X11-unix/X" + number)), "Xvfb " + display);
        // xfconfd is started by the bus, so the bus must carry the panel's config folder to it.
        Map<String, String> env = Map.of("DISPLAY", display, "HOME", dir.toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString(), "NO_AT_BRIDGE", "1");
        bus = PrivateBus.start(env);
        ProcessBuilder panel = new ProcessBuilder(PANEL, "--disable-wm-check").redirectErrorStream(true)
                .redirectOutput(dir.resolve("panel.log").toFile());
        panel.environment().putAll(env);
        panel.environment().put("DBUS_SESSION_BUS_ADDRESS", bus.address());
        processes.add(panel.start());
        waitFor(() -> {
            try {
                return bus.gdbus("org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher",
                        "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierWatcher",
                        "IsStatusNotifierHostRegistered").contains("true");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, "xfce4-panel's StatusNotifierWatcher (see " + dir.resolve("panel.log") + ")");
    }

    public String busAddress() {
        return bus.address();
    }

    public PrivateBus bus() {
        return bus;
    }

    public BufferedImage screenshot() throws IOException, InterruptedException {
        Path file = dir.resolve("screen-" + System.nanoTime() + ".png");
        x(List.of(IMPORT, "-display", display, "-window", "root", file.toString()));
        BufferedImage image = ImageIO.read(file.toFile());
        Files.delete(file);
        return image;
    }

    public void xdotool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(XDOTOOL));
        command.addAll(List.of(args));
        x(command);
    }

    private void x(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("x-command.log").toFile());
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed: " + Files.readString(dir.resolve("x-command.log")));
        }
    }

    /** The box where {@code after} differs from {@code before} inside {@code area}; null when they are the same. */
    public static Rectangle changed(BufferedImage before, BufferedImage after, Rectangle area) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                if (before.getRGB(x, y) != after.getRGB(x, y)) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** Polls {@code condition} every 200 ms for 20 s. */
    public static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static int freeDisplay() {
        for (int tries = 0; tries < 100; tries++) {
            int number = 200 + ThreadLocalRandom.current().nextInt(600);
            if (!Files.exists(Path.of("/tmp/.X" + number + "-lock"))
                    && !Files.exists(Path.of("/tmp/.X11-unix/X" + number))) {
                return number;
            }
        }
        throw new IllegalStateException("no free X display number");
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            if (i == processes.size() - 1 && bus != null) {
                bus.close(); // after the panel, before Xvfb
            }
        }
        if (processes.isEmpty() && bus != null) {
            bus.close();
        }
    }
}
