package app.tether.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A real X server (Xvfb) on the first free display, for programs a test runs that draw windows. */
public final class XvfbDisplay implements AutoCloseable {
    public static final String XVFB = "/usr/bin/Xvfb";

    private final Process process;
    private final String display;

    private XvfbDisplay(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Starts Xvfb with one screen of {@code size} (e.g. "1024x600x24"); it picks the display number itself. */
    public static XvfbDisplay start(String size) throws IOException {
        Interop.requireProgram(XVFB);
        Process process = new ProcessBuilder(XVFB, "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", size)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String number = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (number == null || number.isBlank()) {
            process.destroyForcibly();
            throw new IOException("Xvfb printed no display number");
        }
        return new XvfbDisplay(process, ":" + number.trim());
    }

    /** The value for DISPLAY. */
    public String display() {
        return display;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
