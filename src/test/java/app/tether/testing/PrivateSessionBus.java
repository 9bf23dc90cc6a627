package app.tether.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code dbus-daemon} on a socket in a temporary folder, with no service directories (so nothing is
 * D-Bus-activated behind a test's back): the session bus a notifications test talks to instead of the user's.
 */
public final class PrivateSessionBus implements AutoCloseable {
    public static final String DAEMON = "/usr/bin/dbus-daemon";

    private final Process process;
    private final String address;

    private PrivateSessionBus(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /** Starts the daemon (skips the test, or fails it under TETHER_REQUIRE_INTEROP=1, without dbus-daemon). */
    public static PrivateSessionBus start(Path dir) throws IOException {
        Interop.requireProgram(DAEMON);
        Files.createDirectories(dir);
        Path config = dir.resolve("session.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir.resolve("bus")));
        Process process = new ProcessBuilder(DAEMON, "--config-file=" + config, "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String address = out.readLine();
        if (address == null || address.isBlank()) {
            process.destroyForcibly();
            throw new IOException("dbus-daemon printed no address");
        }
        return new PrivateSessionBus(process, address.trim());
    }

    /** The value for DBUS_SESSION_BUS_ADDRESS. */
    public String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
