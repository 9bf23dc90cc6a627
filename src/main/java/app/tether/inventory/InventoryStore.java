package app.tether.inventory;

import app.tether.core.AtomicFiles;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@code inventory.json}: a schema version plus the targets. Writes are atomic; a
 * corrupt file or one from a newer Tether is reported and never overwritten.
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

    private final Path file;

    public InventoryStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The inventory on disk; empty when there is no file yet. */
    public synchronized Inventory load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Inventory.empty();
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.store.read", file, e.getMessage());
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

    /** Writes {@code inventory} atomically (temp file + move). */
    public synchronized void save(Inventory inventory) {
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(new Document(SCHEMA_VERSION, inventory.targets())));
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.store.write", file, e.getMessage());
        }
    }

    /** Loads, changes and saves in one step; a file that cannot be read is left as it is. */
    public synchronized Inventory update(UnaryOperator<Inventory> change) {
        Inventory next = change.apply(load());
        save(next);
        return next;
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
