package app.tether.tunnel;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP forwarders of this process, one per target, each on the local port that target had last time
 * ({@link PortMemory}), so a bookmarked notebook tab keeps working across runs.
 */
public final class HttpForwards implements AutoCloseable {
    private final PortMemory ports;
    private final Map<String, HttpForwarder> byTarget = new HashMap<>();

    public HttpForwards(Environment environment) {
        this(PortMemory.in(environment));
    }

    public HttpForwards(PortMemory ports) {
        this.ports = ports;
    }

    /** The forwarder for {@code target} to {@code upstream}; an open one to the same address is reused. */
    public synchronized HttpForwarder open(String target, URI upstream, Map<String, String> headers) {
        HttpForwarder existing = byTarget.get(target);
        if (existing != null && existing.upstream().equals(upstream)) {
            return existing;
        }
        if (existing != null) {
            existing.close();
        }
        String key = target + "|http-forward";
        try {
            HttpForwarder forwarder = HttpForwarder.start(upstream, headers, ports.recall(key).orElse(0));
            ports.remember(key, forwarder.localPort());
            byTarget.put(target, forwarder);
            return forwarder;
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "forward.error.open", target, e.getMessage());
        }
    }

    public synchronized Optional<HttpForwarder> forwarder(String target) {
        return Optional.ofNullable(byTarget.get(target));
    }

    /** Stops forwarding for {@code target} (its browser tabs then fail until it is opened again). */
    public synchronized void close(String target) {
        HttpForwarder forwarder = byTarget.remove(target);
        if (forwarder != null) {
            forwarder.close();
        }
    }

    @Override
    public synchronized void close() {
        byTarget.values().forEach(HttpForwarder::close);
        byTarget.clear();
    }
}
