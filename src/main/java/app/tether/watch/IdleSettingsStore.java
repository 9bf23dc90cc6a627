package app.tether.watch;

import app.tether.core.AtomicFiles;
import app.tether.core.Environment;
import app.tether.core.FileLocks;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.providers.LiveState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idle auto-pause settings the user chose, per target name, in {@code idle.json} in TETHER_HOME (apart from
 * the inventory, written atomically under Tether's file lock). A target with no entry gets the default: on for a
 * target whose known price is above zero, off otherwise (so off for SSH servers, which cost nothing to Tether's
 * knowledge, and for free hardware).
 */
public final class IdleSettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(IdleSettingsStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public IdleSettingsStore(Path file) {
        this.file = file;
    }

    public static IdleSettingsStore in(Environment environment) {
        return new IdleSettingsStore(environment.home().resolve("idle.json"));
    }

    public Path file() {
        return file;
    }

    /** What the user set for {@code name}, if anything. */
    public Optional<IdleSettings> chosen(String name) {
        JsonNode entry = load().get(name);
        return entry == null ? Optional.empty() : Optional.of(read(entry));
    }

    /** The settings in force: the user's, else the default for the target and its observed state (null: unknown). */
    public IdleSettings effective(Target target, LiveState state) {
        return chosen(target.name()).orElseGet(() -> IdleSettings.defaults(onByDefault(target, state)));
    }

    /** On by default only where a price above zero is known (observed, else the one in the list); never for SSH. */
    public static boolean onByDefault(Target target, LiveState state) {
        if (target.kind() == TargetKind.SSH) {
            return false;
        }
        BigDecimal price = state == null ? null : state.pricePerHour();
        if (price == null && target.price() != null) {
            price = target.price().amount();
        }
        return price != null && price.signum() > 0;
    }

    /** Changes {@code name}'s settings from what is in force ({@code current}) and saves them; returns them. */
    public IdleSettings update(String name, IdleSettings current, UnaryOperator<IdleSettings> change)
            throws IOException {
        return FileLocks.withLock(file, () -> {
            ObjectNode all = load();
            JsonNode entry = all.get(name);
            IdleSettings changed = change.apply(entry == null ? current : read(entry));
            all.set(name, JSON.createObjectNode().put("enabled", changed.enabled())
                    .put("thresholdPercent", changed.thresholdPercent()).put("minutes", changed.minutes()));
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            return changed;
        });
    }

    /** Forgets {@code name} (a removed target). */
    public void forget(String name) throws IOException {
        FileLocks.withLock(file, () -> {
            ObjectNode all = load();
            if (all.remove(name) != null) {
                AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            }
            return null;
        });
    }

    private static IdleSettings read(JsonNode entry) {
        try {
            return new IdleSettings(entry.path("enabled").asBoolean(false),
                    entry.path("thresholdPercent").asInt(IdleSettings.DEFAULT_THRESHOLD),
                    entry.path("minutes").asInt(IdleSettings.DEFAULT_MINUTES));
        } catch (IllegalArgumentException e) {
            return IdleSettings.defaults(false); // an edited file with nonsense: off, the safe side
        }
    }

    private ObjectNode load() {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node instanceof ObjectNode object) {
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                    if (!it.next().getValue().isObject()) {
                        it.remove();
                    }
                }
                return object;
            }
            LOG.warn("Ignoring {}: not a JSON object", file);
        } catch (NoSuchFileException e) {
            // nothing chosen yet
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable {}: {}", file, e.toString());
        }
        return JSON.createObjectNode();
    }
}
