package app.tether.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.testing.Interop;
import app.tether.testing.PrivateBus;
import app.tether.testing.XfcePanelDesktop;
import app.tether.testing.XvfbDisplay;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback tray for real: a desktop with an XEmbed system tray (Debian's {@code trayer} on Xvfb) and a session
 * bus without a StatusNotifierWatcher. {@link TrayChoice} picks FXTrayIcon ({@link AwtTray}), trayer docks its
 * window, a left click activates, a right click opens the AWT menu and a click on an entry runs its action; the
 * {@link AwtTrayNotifier} balloon shows next to the icon. The tray runs in a JVM of its own ({@link AwtTrayProbe}),
 * as tests here run AWT headless.
 */
@Tag("interop")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AwtTrayXembedInteropTest {
    private static final String TRAYER = "/usr/bin/trayer";
    private static final String XWININFO = "/usr/bin/xwininfo";
    /** One line of {@code xwininfo -tree}: size, position in the parent, absolute position. */
    private static final Pattern GEOMETRY = Pattern.compile("(\\d+)x(\\d+)\\+-?\\d+\\+-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");

    @TempDir
    Path dir;

    private final List<String> said = new CopyOnWriteArrayList<>();
    private String display;

    @Test
    void withOnlyAnXembedTrayTheAwtIconDocksItsMenuActsAndTheBalloonShows() throws Exception {
        List.of(TRAYER, XWININFO, XfcePanelDesktop.XDOTOOL, XfcePanelDesktop.IMPORT, PrivateBus.DBUS_DAEMON)
                .forEach(Interop::requireProgram);
        ExecutorService reader = BackgroundExecutors.pool("probe-output");
        Process trayer = null;
        Process probe = null;
        try (XvfbDisplay x = XvfbDisplay.start(XfcePanelDesktop.WIDTH + "x" + XfcePanelDesktop.HEIGHT + "x24");
                PrivateBus bus = PrivateBus.start(Map.of("DISPLAY", x.display()))) {
            display = x.display();
            trayer = start(List.of(TRAYER, "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "100",
                    "--heighttype", "pixel", "--height", "32"), "trayer.log");
            waitFor(() -> tree().contains("(\"panel\" \"trayer\")"), "trayer's panel");

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder tether = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AwtTrayProbe.class.getName(), dir.resolve("home").toString(), bus.address())
                    .redirectError(dir.resolve("probe.err").toFile());
            tether.environment().put("DISPLAY", display);
            probe = tether.start();
            Process output = probe;
            reader.execute(() -> read(output));
            waitFor(() -> said.contains("shown") || !output.isAlive(), "the probe's tray");
            assertTrue(said.contains("shown"), "the probe said " + said + ": " + err());
            assertEquals("tray AwtTray", said.get(0), "no watcher on the bus, an XEmbed tray: FXTrayIcon");

            Rectangle icon = docked();
            assertTrue(icon.width <= 32 && icon.height <= 32 && icon.y < 32, "an icon in the panel: " + icon);
            int cx = icon.x + icon.width / 2;
            int cy = icon.y + icon.height / 2;

            xdotool("mousemove", cx + "", cy + "", "click", "1");
            waitFor(() -> said.contains("activated"), "a left click to activate (said " + said + ")");

            xdotool("mousemove", cx + "", cy + "", "click", "3");
            Rectangle[] menu = new Rectangle[1];
            waitFor(() -> (menu[0] = window("sun-awt-X11-XPopupMenuPeer")) != null, "the AWT popup menu");
            assertTrue(menu[0].height >= 40 && menu[0].width >= 60, "two entries and a separator: " + menu[0]);
            keep(screenshot(), "awt-tray-menu.png");
            assertFalse(said.contains("action pause"), "nothing chosen yet");
            // The first entry ("Pause gpu-lab") is the top ~22 pixels of the popup.
            xdotool("mousemove", menu[0].x + menu[0].width / 2 + "", menu[0].y + 10 + "", "click", "1");
            waitFor(() -> said.contains("action pause"), "the entry's action (said " + said + ")");
            assertFalse(said.contains("action quit"), "only the entry clicked: " + said);

            Thread.sleep(500); // the menu closes (its window stays, unmapped)
            BufferedImage before = screenshot();
            OutputStream in = probe.getOutputStream();
            in.write("balloon\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            waitFor(() -> said.contains("balloon shown") || said.stream().anyMatch(s -> s.startsWith("balloon failed")),
                    "the balloon call");
            assertTrue(said.contains("balloon shown"), "displayMessage threw: " + said);
            Rectangle below = new Rectangle(0, 0, XfcePanelDesktop.WIDTH, XfcePanelDesktop.HEIGHT);
            Rectangle[] balloon = new Rectangle[1];
            waitFor(() -> (balloon[0] = changed(before, below)) != null, "the balloon on screen");
            Thread.sleep(500);
            keep(screenshot(), "awt-tray-balloon.png");
            assertTrue(balloon[0].width > 100 && balloon[0].height > 30, "a balloon with title and text: " + balloon[0]);
            assertTrue(said.stream().noneMatch(s -> s.startsWith("balloon failed")), said.toString());

            in.write("exit\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertTrue(probe.waitFor(15, TimeUnit.SECONDS), "the probe exits");
        } finally {
            stop(probe);
            stop(trayer);
            reader.shutdownNow();
        }
    }

    /** The icon's window once trayer has reparented it into its panel (AWT's XEmbed frame); waits for it. */
    private Rectangle docked() throws Exception {
        Rectangle[] found = new Rectangle[1];
        waitFor(() -> {
            String tree = tree();
            int panel = tree.indexOf("(\"panel\" \"trayer\")");
            int frame = tree.indexOf("\"JavaEmbeddedFrame\"");
            if (panel < 0 || frame < panel) {
                return false;
            }
            // Inside the panel: deeper indented than the panel's own line, and no top-level window in between.
            String between = tree.substring(tree.indexOf('\n', panel) + 1, frame);
            if (between.lines().anyMatch(line -> indent(line) <= indent(lineAt(tree, panel)))) {
                return false;
            }
            found[0] = geometry(lineAt(tree, frame));
            return true;
        }, "the icon docked in trayer's panel:\n" + tree());
        return found[0];
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static String lineAt(String text, int index) {
        int start = text.lastIndexOf('\n', index) + 1;
        int end = text.indexOf('\n', index);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static Rectangle geometry(String line) {
        Matcher m = GEOMETRY.matcher(line);
        assertTrue(m.find(), line);
        return new Rectangle(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)));
    }

    /** The window named {@code name} on screen, or null. */
    private Rectangle window(String name) {
        return tree().lines().filter(l -> l.contains("\"" + name + "\"")).findFirst().map(AwtTrayXembedInteropTest::geometry)
                .orElse(null);
    }

    private String tree() {
        try {
            return x(List.of(XWININFO, "-root", "-tree"));
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void read(Process process) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                said.add(line);
            }
        } catch (IOException e) {
            said.add("read failed " + e);
        }
    }

    private String err() {
        try {
            return Files.readString(dir.resolve("probe.err"));
        } catch (IOException e) {
            return "";
        }
    }

    private Process start(List<String> command, String log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().put("DISPLAY", display);
        return builder.start();
    }

    private String x(List<String> command) throws IOException, InterruptedException {
        Path log = dir.resolve("x.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed: " + output);
        }
        return output;
    }

    private void xdotool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(XfcePanelDesktop.XDOTOOL));
        command.addAll(List.of(args));
        x(command);
    }

    private BufferedImage screenshot() throws IOException, InterruptedException {
        Path file = dir.resolve("screen-" + System.nanoTime() + ".png");
        x(List.of(XfcePanelDesktop.IMPORT, "-window", "root", file.toString()));
        return ImageIO.read(file.toFile());
    }

    private Rectangle changed(BufferedImage before, Rectangle area) {
        try {
            return XfcePanelDesktop.changed(before, screenshot(), area);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Keeps what a person would see in {@code target/tray-awt/} (the build folder), to look at. */
    private static void keep(BufferedImage image, String name) throws IOException {
        Path folder = Path.of("target", "tray-awt");
        Files.createDirectories(folder);
        assertNotNull(image, name);
        ImageIO.write(image, "png", folder.resolve(name).toFile());
    }

    /** Polls {@code condition} every 200 ms for 30 s (a JVM starting AWT and JavaFX is slow on a loaded machine). */
    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
