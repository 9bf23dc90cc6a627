package app.tether.inventory;

import app.tether.core.AtomicFiles;
import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.FileLocks;
import app.tether.core.IoReasons;
import app.tether.core.TetherException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@code inventory.json}: a schema version plus the targets. Writes are atomic and hold an
 * inter-process lock with a re-read under it, so several Tether processes never lose each other's changes; fields
 * this version does not know (written by a newer Tether with the same schema) are kept; a corrupt file or one
 * from a newer schema is reported and never overwritten. {@link #watch} tells a window when another process
 * changed the file.
 */
public final class InventoryStore {
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** How often {@link #watch} looks at the file. */
    private static final long WATCH_MILLIS = 1000;

    private final Path file;
    /** The file as this store last wrote it, so {@link #watch} does not report the store's own writes. */
    private volatile Stamp ownWrite;

    public InventoryStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The inventory on disk; empty when there is no file yet. */
    public synchronized Inventory load() {
        JsonNode root = readTree();
        return root == null ? Inventory.empty() : parse(root);
    }

    /** The file's JSON tree, null when there is no file; unreadable or not JSON: TetherException. */
    private JsonNode readTree() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.store.read", file, IoReasons.of(e));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw corrupt(e);
        }
        if (root == null || !root.isObject() || !root.path("schemaVersion").isInt()) {
            throw corrupt(null);
        }
        return root;
    }

    private Inventory parse(JsonNode root) {
        int version = root.get("schemaVersion").asInt();
        if (version > SCHEMA_VERSION) {
            throw new TetherException(ErrorCode.STORE_TOO_NEW, "error.store.tooNew", file, version, SCHEMA_VERSION);
        }
        JsonNode array = root.path("targets");
        if (!array.isArray()) {
            throw corrupt(null);
        }
        List<Target> targets = new ArrayList<>();
        try {
            for (JsonNode node : array) {
                targets.add(MAPPER.treeToValue(node, Target.class));
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw corrupt(e);
        }
        try {
            Inventory inventory = Inventory.empty();
            for (Target target : targets) {
                inventory = inventory.add(target);
            }
            return inventory;
        } catch (TetherException e) {
            throw corrupt(e);
        }
    }

    /**
     * Writes {@code inventory} atomically (temp file + move), keeping the fields of the file on disk this version
     * does not know. Prefer {@link #update}: this replaces whatever another process wrote since it was read.
     */
    public synchronized void save(Inventory inventory) {
        locked(() -> {
            JsonNode previous;
            try {
                previous = readTree();
            } catch (TetherException e) {
                previous = null; // nothing to keep from a file that cannot be read
            }
            write(inventory, previous);
            return null;
        });
    }

    /**
     * Loads, changes and saves in one step, holding the inventory lock against other Tether processes so that
     * none of their changes is lost; a file that cannot be read is left as it is.
     */
    public synchronized Inventory update(UnaryOperator<Inventory> change) {
        return locked(() -> {
            JsonNode previous = readTree();
            Inventory next = change.apply(previous == null ? Inventory.empty() : parse(previous));
            write(next, previous);
            return next;
        });
    }

    /**
     * Calls {@code onChange} (on a background thread) whenever another process or store replaced the file,
     * checked every second by its modification time, size and file key; this store's own writes are not
     * reported. Close the returned handle to stop watching.
     */
    public AutoCloseable watch(Runnable onChange) {
        ScheduledExecutorService timer = BackgroundExecutors.scheduler("inventory-watch", 1);
        Stamp[] seen = {Stamp.of(file)};
        timer.scheduleWithFixedDelay(() -> {
            Stamp now = Stamp.of(file);
            if (!Objects.equals(now, seen[0])) {
                seen[0] = now;
                if (!Objects.equals(now, ownWrite)) {
                    onChange.run();
                }
            }
        }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    private <T> T locked(FileLocks.LockedWork<T> work) {
        try {
            return FileLocks.withLock(file, work);
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.store.write", file, IoReasons.of(e));
        }
    }

    private void write(Inventory inventory, JsonNode previous) throws IOException {
        ObjectNode tree = MAPPER.valueToTree(new Document(SCHEMA_VERSION, inventory.targets()));
        if (previous != null) {
            UnknownFields.keep(tree, previous);
        }
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.store.write", file, IoReasons.of(e));
        }
        ownWrite = Stamp.of(file);
    }

    /** What identifies one version of the file for {@link #watch}; null fields when there is no file. */
    private record Stamp(long modifiedNanos, long size, Object fileKey) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size(),
                        attributes.fileKey());
            } catch (IOException e) {
                return new Stamp(-1, -1, null);
            }
        }
    }

    /**
     * Carries the fields of the file on disk that this version does not know into the tree about to be written:
     * top-level fields besides the schema and the targets, and, per target (matched by name and kind), every
     * field the target's type does not read, at any depth of nested objects. A field counts as unknown when
     * reading the old target and writing it again drops it. Lists are not matched element by element (an
     * unknown field inside a port forward is lost when the list is written), and a renamed target keeps none.
     */
    static final class UnknownFields {
        private UnknownFields() {
        }

        static void keep(ObjectNode tree, JsonNode previous) {
            copyMissing(tree, previous, Map.of("schemaVersion", true, "targets", true));
            Map<String, JsonNode> oldTargets = new HashMap<>();
            for (JsonNode node : previous.path("targets")) {
                oldTargets.put(key(node), node);
            }
            for (JsonNode node : tree.path("targets")) {
                JsonNode old = oldTargets.get(key(node));
                if (old == null || !(node instanceof ObjectNode written)) {
                    continue;
                }
                JsonNode known;
                try {
                    known = MAPPER.valueToTree(MAPPER.treeToValue(old, Target.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    continue;
                }
                merge(written, old, known);
            }
        }

        private static String key(JsonNode target) {
            return target.path("kind").asText() + "\0" + Inventory.normalizeName(target.path("name").asText());
        }

        /** Adds to {@code written} what {@code old} has and {@code known} (old read and written again) lacks. */
        private static void merge(ObjectNode written, JsonNode old, JsonNode known) {
            for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (!known.has(name)) {
                    if (!written.has(name)) {
                        written.set(name, value.deepCopy());
                    }
                } else if (value.isObject() && known.get(name).isObject()
                        && written.get(name) instanceof ObjectNode inner) {
                    merge(inner, value, known.get(name));
                }
            }
        }

        private static void copyMissing(ObjectNode written, JsonNode old, Map<String, Boolean> skip) {
            for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!skip.containsKey(field.getKey()) && !written.has(field.getKey())) {
                    written.set(field.getKey(), field.getValue().deepCopy());
                }
            }
        }
    }

    /** The file's shape; a typed list keeps each target's "kind". */
    private record Document(int schemaVersion, List<Target> targets) {
    }

    private TetherException corrupt(Exception cause) {
        return new TetherException(ErrorCode.STORE_CORRUPT, cause, "error.store.corrupt", file);
    }

    /** The mapper used for the inventory and for {@code --json} output. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
