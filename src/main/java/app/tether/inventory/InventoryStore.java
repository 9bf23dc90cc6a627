package app.tether.inventory;

import app.tether.core.AtomicFiles;
import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.FileLocks;
import app.tether.core.IoReasons;
import app.tether.core.JsonTrees;
import app.tether.core.TetherException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@code inventory.json}: a schema version plus the targets. Writes are atomic and hold an
 * inter-process lock with a re-read under it, so several Tether processes never lose each other's changes; fields
 * this version does not know (written by a newer Tether with the same schema) are kept; a corrupt file or one
 * from a newer schema is reported and never overwritten. {@link #watch} tells a window when another process
 * changed the file. The file is read and written as a plain JSON tree ({@link JsonTrees}, {@link TargetJson}), not
 * through Jackson's data binding, which cost {@code tether list} most of its start-up.
 */
public final class InventoryStore {
    public static final int SCHEMA_VERSION = 1;

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
        Map<?, ?> root = readTree();
        return root == null ? Inventory.empty() : parse(root);
    }

    /** The file's JSON object, null when there is no file; unreadable or not JSON: TetherException. */
    private Map<?, ?> readTree() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.store.read", file, IoReasons.of(e));
        }
        Object root;
        try {
            root = JsonTrees.parse(bytes);
        } catch (IOException e) {
            throw corrupt(e);
        }
        if (!(root instanceof Map<?, ?> object) || !(object.get("schemaVersion") instanceof Long version)
                || version != version.intValue()) {
            throw corrupt(null);
        }
        return object;
    }

    private Inventory parse(Map<?, ?> root) {
        int version = ((Long) root.get("schemaVersion")).intValue();
        if (version > SCHEMA_VERSION) {
            throw new TetherException(ErrorCode.STORE_TOO_NEW, "error.store.tooNew", file, version, SCHEMA_VERSION);
        }
        if (!(root.get("targets") instanceof List<?> array)) {
            throw corrupt(null);
        }
        List<Target> targets = new ArrayList<>();
        try {
            for (Object node : array) {
                targets.add(TargetJson.read(node));
            }
        } catch (IllegalArgumentException | NullPointerException e) {
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
            Map<?, ?> previous;
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
            Map<?, ?> previous = readTree();
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

    private void write(Inventory inventory, Map<?, ?> previous) throws IOException {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("schemaVersion", SCHEMA_VERSION);
        List<Object> targets = new ArrayList<>();
        inventory.targets().forEach(target -> targets.add(TargetJson.write(target)));
        tree.put("targets", targets);
        if (previous != null) {
            UnknownFields.keep(tree, previous);
        }
        try {
            AtomicFiles.write(file, JsonTrees.toFile(tree));
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

        static void keep(Map<String, Object> tree, Map<?, ?> previous) {
            copyMissing(tree, previous, Set.of("schemaVersion", "targets"));
            Map<String, Map<?, ?>> oldTargets = new HashMap<>();
            if (previous.get("targets") instanceof List<?> list) {
                for (Object node : list) {
                    if (node instanceof Map<?, ?> old) {
                        oldTargets.put(key(old), old);
                    }
                }
            }
            for (Object node : (List<?>) tree.get("targets")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> written = (Map<String, Object>) node;
                Map<?, ?> old = oldTargets.get(key(written));
                if (old == null) {
                    continue;
                }
                Map<String, Object> known;
                try {
                    known = TargetJson.write(TargetJson.read(old));
                } catch (IllegalArgumentException | NullPointerException e) {
                    continue;
                }
                merge(written, old, known);
            }
        }

        private static String key(Map<?, ?> target) {
            return text(target.get("kind")) + "\0" + Inventory.normalizeName(text(target.get("name")));
        }

        /** What the data binding's {@code asText} gave: a scalar's text, "" for null, an object or an array. */
        private static String text(Object value) {
            return value instanceof Map || value instanceof List || value == null ? "" : value.toString();
        }

        /** Adds to {@code written} what {@code old} has and {@code known} (old read and written again) lacks. */
        private static void merge(Map<String, Object> written, Map<?, ?> old, Map<?, ?> known) {
            for (Map.Entry<?, ?> field : old.entrySet()) {
                String name = (String) field.getKey();
                Object value = field.getValue();
                if (!known.containsKey(name)) {
                    if (!written.containsKey(name)) {
                        written.put(name, value);
                    }
                } else if (value instanceof Map<?, ?> oldInner && known.get(name) instanceof Map<?, ?> knownInner
                        && written.get(name) instanceof Map<?, ?> inner) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> writtenInner = (Map<String, Object>) inner;
                    merge(writtenInner, oldInner, knownInner);
                }
            }
        }

        private static void copyMissing(Map<String, Object> written, Map<?, ?> old, Set<String> skip) {
            for (Map.Entry<?, ?> field : old.entrySet()) {
                String name = (String) field.getKey();
                if (!skip.contains(name) && !written.containsKey(name)) {
                    written.put(name, field.getValue());
                }
            }
        }
    }

    private TetherException corrupt(Exception cause) {
        return new TetherException(ErrorCode.STORE_CORRUPT, cause, "error.store.corrupt", file);
    }
}
