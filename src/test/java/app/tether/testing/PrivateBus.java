package app.tether.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private D-Bus session bus ({@code dbus-daemon --session}) for one test, so nothing reaches the developer's
 * own desktop; programs it activates (xfconfd) inherit {@code environment}. Closing stops it and its children.
 */
public final class PrivateBus implements AutoCloseable {
    public static final String DBUS_DAEMON = "/usr/bin/dbus-daemon";
    public static final String GDBUS = "/usr/bin/gdbus";

    private final Process daemon;
    private final String address;

    private PrivateBus(Process daemon, String address) {
        this.daemon = daemon;
        this.address = address;
    }

    public static PrivateBus start(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(DBUS_DAEMON, "--session", "--nofork", "--print-address=1");
        builder.environment().putAll(environment);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String address = out.readLine();
        if (address == null || !address.startsWith("unix:")) {
            process.destroyForcibly();
            throw new IOException("dbus-daemon printed no address: " + address);
        }
        return new PrivateBus(process, address.trim());
    }

    public String address() {
        return address;
    }

    /** Runs {@code gdbus call} on this bus; returns its output (stdout and stderr), failing on a non-zero exit. */
    public String gdbus(String dest, String path, String method, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(GDBUS, "call", "--address", address, "--dest", dest,
                "--object-path", path, "--method", method, "--timeout", "10", "--"));
        command.addAll(List.of(args));
        return run(command, true);
    }

    /** Runs {@code command} (20 s at most) and returns its output; with {@code check}, a failure throws. */
    public static String run(List<String> command, boolean check) throws IOException, InterruptedException {
        Path log = java.nio.file.Files.createTempFile("cmd", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            String output = java.nio.file.Files.readString(log).trim();
            if (check && process.exitValue() != 0) {
                throw new IOException(command.get(0) + " failed (" + process.exitValue() + "): " + output);
            }
            return output;
        } finally {
            java.nio.file.Files.deleteIfExists(log);
        }
    }

    @Override
    public void close() {
        daemon.descendants().forEach(ProcessHandle::destroy);
        daemon.destroy();
        try {
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        } catch (InterruptedException e) {
            daemon.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
