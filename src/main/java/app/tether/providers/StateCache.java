package app.tether.providers;

import app.tether.core.AtomicFiles;
import app.tether.core.Environment;
import app.tether.core.JsonTrees;
import app.tether.inventory.TargetState;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last state observed of each target ({@code state.json} in TETHER_HOME), so {@code tether list} shows
 * what the last {@code status}, refresh or action saw, and when. Each write takes a file lock, re-reads the
 * file and replaces it atomically, so processes writing at once keep each other's entries. A cache: an
 * unreadable file is logged and read as empty, and losing a write only loses a hint. Read and written as a plain
 * JSON tree ({@link JsonTrees}): {@code tether list} reads it on every run.
 */
public final class StateCache {
    /** File locks are per process, so threads of this one (several caches on one file) queue here first. */
    private static final Object PROCESS_LOCK = new Object();

    private final Path file;

    /** Looked up when something is logged: {@code tether list} reads the cache and logs nothing (no logback). */
    private static Logger log() {
        return LoggerFactory.getLogger(StateCache.class);
    }

    public StateCache(Path file) {
        this.file = file;
    }

    public static StateCache in(Environment environment) {
        return new StateCache(environment.home().resolve("state.json"));
    }

    public Path file() {
        return file;
    }

    /** The last state recorded for {@code name}. */
    public Optional<LiveState> get(String name) {
        return Optional.ofNullable(all().get(name));
    }

    /** Every recorded state by target name. */
    public synchronized Map<String, LiveState> all() {
        Map<String, LiveState> states = new HashMap<>();
        read().forEach((name, entry) -> states.put(name, fromJson(entry)));
        return states;
    }

    /** Records {@code state} for {@code name}, unless an entry observed later is there already. */
    public void record(String name, LiveState state) {
        record(Map.of(name, state));
    }

    /** Records several states in one write. */
    public synchronized void record(Map<String, LiveState> states) {
        if (states.isEmpty()) {
            return;
        }
        change(targets -> states.forEach((name, state) -> {
            Object old = targets.get(name);
            if (old == null || !fromJson(old).observedAt().isAfter(state.observedAt())) {
                targets.put(name, toJson(state));
            }
        }));
    }

    /** Drops the entries of targets that are no longer in the inventory. */
    public synchronized void retain(Set<String> names) {
        change(targets -> targets.keySet().retainAll(names));
    }

    private void change(java.util.function.Consumer<Map<String, Object>> edit) {
        synchronized (PROCESS_LOCK) {
            changeLocked(edit);
        }
    }

    private void changeLocked(java.util.function.Consumer<Map<String, Object>> edit) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path lock = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Map<String, Object> targets = read();
                edit.accept(targets);
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("version", 1);
                root.put("targets", targets);
                AtomicFiles.write(file, JsonTrees.toFile(root));
            }
        } catch (IOException e) {
            log().warn("Could not record target states in {}: {}", file, e.toString());
        }
    }

    private Map<String, Object> read() {
        try {
            Object root = JsonTrees.parse(Files.readAllBytes(file));
            if (root instanceof Map<?, ?> object && object.get("targets") instanceof Map<?, ?> targets) {
                @SuppressWarnings("unchecked")
                Map<String, Object> entries = (Map<String, Object>) targets;
                return entries;
            }
            log().warn("Ignoring {}: no targets object", file);
        } catch (NoSuchFileException e) {
            // nothing observed yet
        } catch (IOException e) {
            log().warn("Ignoring unreadable {}: {}", file, e.toString());
        }
        return new LinkedHashMap<>();
    }

    private static Map<String, Object> toJson(LiveState state) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("state", state.state().id());
        node.put("stage", state.stage());
        node.put("hardware", state.hardware());
        node.put("pricePerHour", state.pricePerHour() == null ? null : state.pricePerHour().toPlainString());
        node.put("message", state.message());
        node.put("observedAt", state.observedAt().toString());
        return node;
    }

    private static LiveState fromJson(Object node) {
        TargetState state = TargetState.UNKNOWN;
        for (TargetState candidate : TargetState.values()) {
            if (candidate.id().equals(text(node, "state"))) {
                state = candidate;
            }
        }
        BigDecimal price = null;
        Instant at = Instant.EPOCH;
        try {
            String priceText = text(node, "pricePerHour");
            price = priceText == null ? null : new BigDecimal(priceText);
            String atText = text(node, "observedAt");
            at = atText == null ? Instant.EPOCH : Instant.parse(atText);
        } catch (RuntimeException e) {
            log().debug("Unreadable cached state entry: {}", e.toString());
        }
        return new LiveState(state, text(node, "stage"), text(node, "hardware"), price, text(node, "message"), at);
    }

    /** A field's text as the data binding's {@code asText} gave it; null when absent, null or not an object's. */
    private static String text(Object node, String field) {
        Object value = node instanceof Map<?, ?> map ? map.get(field) : null;
        return value == null || value instanceof Map || value instanceof java.util.List ? null : value.toString();
    }
}
