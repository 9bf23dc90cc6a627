package app.tether.providers.gce;

import app.tether.core.AtomicFiles;
import app.tether.core.Environment;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance id Tether last reached each target's VM as ({@code gce-instances.properties}). Host keys are
 * kept under {@code compute.<id>} as gcloud does, so a new id means a VM deleted and recreated under the same
 * name: a new machine with a new host key, asked about again, not an attack.
 */
final class GceKnownInstances {
    private static final Logger LOG = LoggerFactory.getLogger(GceKnownInstances.class);

    private final Path file;

    GceKnownInstances(Environment environment) {
        this.file = environment.home().resolve("gce-instances.properties");
    }

    synchronized String instanceId(String targetName) {
        return load().getProperty(targetName);
    }

    synchronized void remember(String targetName, String instanceId) {
        Properties properties = load();
        if (instanceId.equals(properties.getProperty(targetName))) {
            return;
        }
        properties.setProperty(targetName, instanceId);
        try {
            StringWriter text = new StringWriter();
            properties.store(text, "Tether: the GCE instance id last reached per target (host keys are kept as compute.<id>)");
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("Cannot write {}: {}", file, e.getMessage());
        }
    }

    private Properties load() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            // nothing reached yet
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", file, e.getMessage());
        }
        return properties;
    }
}
