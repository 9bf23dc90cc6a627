package app.tether.watch.spend;

import app.tether.core.AtomicFiles;
import app.tether.core.Environment;
import app.tether.core.FileLocks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The monthly spend limits ({@code spend/limits.json}: overall and per target, each with whether to pause at 100 %)
 * and which of their notices were given this month ({@code spend/notices.json}), so each fires once per month per
 * limit even with the window and {@code tether watch} checking at once. Both files are changed under their lock and
 * written atomically; a damaged limits file is reported, never overwritten.
 */
public final class SpendLimits {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path limitsFile;
    private final Path noticesFile;

    /** A monthly limit in USD; {@code pause}: pause (or stop) what it covers when it is reached. */
    public record Limit(BigDecimal usd, boolean pause) {
    }

    /** Every limit: the overall one (if any) and one per target name. */
    public record All(Optional<Limit> overall, Map<String, Limit> targets) {
        public boolean none() {
            return overall.isEmpty() && targets.isEmpty();
        }
    }

    public SpendLimits(Path dir) {
        this.limitsFile = dir.resolve("limits.json");
        this.noticesFile = dir.resolve("notices.json");
    }

    public static SpendLimits in(Environment environment) {
        return new SpendLimits(environment.home().resolve("spend"));
    }

    public All load() throws IOException {
        return parse(read(limitsFile));
    }

    /** Sets the limit of {@code target} (null: the overall limit). */
    public void set(String target, Limit limit) throws IOException {
        change(target, limit);
    }

    /** Removes the limit of {@code target} (null: the overall one); whether there was one. */
    public boolean clear(String target) throws IOException {
        return change(target, null);
    }

    private boolean change(String target, Limit limit) throws IOException {
        return FileLocks.withLock(limitsFile, () -> {
            ObjectNode root = read(limitsFile);
            parse(root); // a damaged file fails here, before anything is written
            ObjectNode targets = root.with("targets");
            boolean had = target == null ? root.has("overall") : targets.has(target);
            if (limit == null) {
                if (target == null) {
                    root.remove("overall");
                } else {
                    targets.remove(target);
                }
            } else {
                ObjectNode node = JSON.createObjectNode().put("usd", limit.usd().toPlainString())
                        .put("pause", limit.pause());
                if (target == null) {
                    root.set("overall", node);
                } else {
                    targets.set(target, node);
                }
            }
            Files.createDirectories(limitsFile.getParent());
            AtomicFiles.write(limitsFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            return had;
        });
    }

    /**
     * Records that notice {@code key} was given in {@code month}; true the first time (then give it), false when
     * it was given already. Notices of earlier months are forgotten.
     */
    public boolean claim(YearMonth month, String key) throws IOException {
        return FileLocks.withLock(noticesFile, () -> {
            ObjectNode root;
            try {
                root = read(noticesFile);
            } catch (IOException e) {
                root = JSON.createObjectNode(); // only which notices were given: starting over gives them again
            }
            for (Iterator<String> months = root.fieldNames(); months.hasNext();) {
                if (!months.next().equals(month.toString())) {
                    months.remove();
                }
            }
            ArrayNode given = root.withArray(month.toString());
            for (JsonNode node : given) {
                if (node.asText().equals(key)) {
                    return false;
                }
            }
            given.add(key);
            Files.createDirectories(noticesFile.getParent());
            AtomicFiles.write(noticesFile, JSON.writeValueAsBytes(root));
            return true;
        });
    }

    private static ObjectNode read(Path file) throws IOException {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new IOException(file + " is not a JSON object");
        } catch (NoSuchFileException e) {
            return JSON.createObjectNode();
        }
    }

    private static All parse(ObjectNode root) throws IOException {
        try {
            Optional<Limit> overall = root.has("overall") ? Optional.of(limit(root.get("overall")))
                    : Optional.empty();
            Map<String, Limit> targets = new TreeMap<>();
            root.path("targets").fields().forEachRemaining(e -> targets.put(e.getKey(), limit(e.getValue())));
            return new All(overall, java.util.Collections.unmodifiableMap(targets));
        } catch (RuntimeException e) {
            throw new IOException("damaged spend limits: " + e.getMessage(), e);
        }
    }

    private static Limit limit(JsonNode node) {
        BigDecimal usd = new BigDecimal(node.path("usd").asText());
        if (usd.signum() <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + usd);
        }
        return new Limit(usd, node.path("pause").asBoolean(false));
    }
}
