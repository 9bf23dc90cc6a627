package app.tether.instance;

import app.tether.core.AtomicFiles;
import app.tether.inventory.Inventory;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TargetTunnels;
import app.tether.tunnel.TunnelSpec;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the instance holds, written down after every change ({@code held.properties} next to the socket), so that
 * an instance started after one that died (SIGKILL, a crash) opens the same tunnels again; their local ports come
 * from {@link app.tether.tunnel.PortMemory}, so the browser tabs and clients pointed at them work again. A clean
 * stop closes the tunnels on purpose and empties the list.
 */
public final class HeldTunnels {
    private static final Logger LOG = LoggerFactory.getLogger(HeldTunnels.class);

    private final Path file;

    public HeldTunnels(Path file) {
        this.file = file;
    }

    /** One tunnel to bring back: its target, the local port it had and where it leads on the target. */
    public record Entry(String kind, String target, int localPort, String remoteHost, int remotePort) {
    }

    /** Writes down what {@code services} holds now. */
    public synchronized void save(InstanceServices services) {
        List<Entry> entries = new ArrayList<>();
        for (TargetTunnels target : services.tunnels().openTunnels()) {
            TunnelSpec spec = target.jupyter().spec();
            entries.add(new Entry("jupyter", target.targetName(), target.jupyter().localPort(), spec.remoteHost(),
                    spec.remotePort()));
        }
        for (StableTunnel tunnel : services.forwards().all()) {
            TunnelSpec spec = tunnel.spec();
            entries.add(new Entry("forward", spec.targetName(), tunnel.localPort(), spec.remoteHost(),
                    spec.remotePort()));
        }
        Properties properties = new Properties();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            properties.setProperty(String.valueOf(i), String.join("|", e.kind(), e.target(),
                    String.valueOf(e.localPort()), e.remoteHost(), String.valueOf(e.remotePort())));
        }
        try {
            StringWriter text = new StringWriter();
            properties.store(text, "Tunnels the Tether instance holds (opened again after a crash)");
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("Could not write {}: {}", file, e.toString());
        }
    }

    /** Forgets everything (a clean stop closed the tunnels on purpose). */
    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", file, e.toString());
        }
    }

    /** What was written last; empty when nothing was. */
    public synchronized List<Entry> load() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable {}: {}", file, e.toString());
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; properties.containsKey(String.valueOf(i)); i++) {
            String[] parts = properties.getProperty(String.valueOf(i)).split("\\|", -1);
            try {
                entries.add(new Entry(parts[0], parts[1], Integer.parseInt(parts[2]), parts[3],
                        Integer.parseInt(parts[4])));
            } catch (RuntimeException e) {
                LOG.warn("Ignoring entry {} of {}", i, file);
            }
        }
        return entries;
    }

    /**
     * Opens again what {@link #load()} lists, for targets still in {@code inventory}; a target that is gone or
     * a port that is taken now is logged and skipped. The tunnels connect lazily (quiet sessions ask nobody).
     */
    public void restore(InstanceServices services, Inventory inventory) {
        for (Entry entry : load()) {
            Target target = inventory.find(entry.target()).orElse(null);
            if (!(target instanceof SshServer server)) {
                LOG.info("Not reopening a tunnel of {}: no such SSH server now", entry.target());
                continue;
            }
            try {
                if (entry.kind().equals("jupyter")) {
                    services.tunnels().open(server, entry.remoteHost(), entry.remotePort());
                } else {
                    services.forwards().open(server, new TunnelSpec(server.name(), entry.localPort(),
                            entry.remoteHost(), entry.remotePort()));
                }
                LOG.info("Reopened the {} tunnel of {} on port {}", entry.kind(), entry.target(), entry.localPort());
            } catch (RuntimeException e) {
                LOG.warn("Could not reopen the {} tunnel of {}: {}", entry.kind(), entry.target(), e.toString());
            }
        }
        save(services);
    }
}
