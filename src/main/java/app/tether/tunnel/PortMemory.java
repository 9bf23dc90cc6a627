package app.tether.tunnel;

import app.tether.core.AtomicFiles;
import app.tether.core.Environment;
import app.tether.core.FileLocks;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local port each automatically placed forward got last time ({@code tunnels.properties} in
 * TETHER_HOME), so a browser tab or bookmark keeps working across restarts of Tether.
 */
public final class PortMemory {
    private static final Logger LOG = LoggerFactory.getLogger(PortMemory.class);

    private final Path file;

    public PortMemory(Path file) {
        this.file = file;
    }

    public static PortMemory in(Environment environment) {
        return new PortMemory(environment.home().resolve("tunnels.properties"));
    }

    public Path file() {
        return file;
    }

    public OptionalInt recall(TunnelSpec spec) {
        return recall(spec.memoryKey());
    }

    /** The port remembered under {@code key} (forwards that are not SSH tunnels name their own keys). */
    public synchronized OptionalInt recall(String key) {
        String value = load().getProperty(key);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(value.strip());
            return port > 0 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    public void remember(TunnelSpec spec, int port) {
        remember(spec.memoryKey(), port);
    }

    /** Remembers {@code port}, re-reading the file under Tether's inter-process lock so no other entry is lost. */
    public synchronized void remember(String key, int port) {
        try {
            FileLocks.withLock(file, () -> {
                Properties properties = load();
                if (String.valueOf(port).equals(properties.getProperty(key))) {
                    return null;
                }
                properties.setProperty(key, String.valueOf(port));
                StringWriter text = new StringWriter();
                properties.store(text, "Local ports of Tether's tunnels (target|remote = local port)");
                AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
                return null;
            });
        } catch (IOException e) {
            // Losing the memory only means a different port next time; the tunnel itself is fine.
            LOG.warn("Could not remember tunnel port in {}: {}", file, e.toString());
        }
    }

    private Properties load() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            // nothing remembered yet
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable {}: {}", file, e.toString());
        }
        return properties;
    }
}
