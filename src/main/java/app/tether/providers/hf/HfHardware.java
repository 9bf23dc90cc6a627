package app.tether.providers.hf;

import app.tether.core.AtomicFiles;
import app.tether.core.Environment;
import app.tether.core.TetherException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Space flavors and prices: from {@code GET /api/spaces/hardware} (cost per minute turned into per hour),
 * cached in TETHER_HOME for a day; when the Hub cannot be asked, the last cached list, else the reference
 * table (hub-docs spaces-gpus.md, 2026-08). Unknown flavors simply have no price.
 */
public final class HfHardware {
    private static final Logger LOG = LoggerFactory.getLogger(HfHardware.class);
    private static final Duration FRESH = Duration.ofHours(24);

    /** The documented table: id, name, vCPU, RAM, GPU memory, $/h. */
    static final List<HfFlavor> REFERENCE = List.of(
            flavor("cpu-basic", "CPU Basic", "2 vCPU", "16 GB", null, "0"),
            flavor("cpu-upgrade", "CPU Upgrade", "8 vCPU", "32 GB", null, "0.03"),
            flavor("t4-small", "Nvidia T4 small", "4 vCPU", "15 GB", "T4 16 GB", "0.40"),
            flavor("t4-medium", "Nvidia T4 medium", "8 vCPU", "30 GB", "T4 16 GB", "0.60"),
            flavor("l4x1", "1x L4", "8 vCPU", "30 GB", "L4 24 GB", "0.80"),
            flavor("l4x4", "4x L4", "48 vCPU", "186 GB", "4x L4 96 GB", "3.80"),
            flavor("l40sx1", "1x L40S", "8 vCPU", "62 GB", "L40S 48 GB", "1.80"),
            flavor("l40sx4", "4x L40S", "48 vCPU", "382 GB", "4x L40S 192 GB", "8.30"),
            flavor("l40sx8", "8x L40S", "192 vCPU", "1534 GB", "8x L40S 384 GB", "23.50"),
            flavor("a10g-small", "A10G small", "4 vCPU", "15 GB", "A10G 24 GB", "1.00"),
            flavor("a10g-large", "A10G large", "12 vCPU", "46 GB", "A10G 24 GB", "1.50"),
            flavor("a10g-largex2", "2x A10G large", "24 vCPU", "92 GB", "2x A10G 48 GB", "3.00"),
            flavor("a10g-largex4", "4x A10G large", "48 vCPU", "184 GB", "4x A10G 96 GB", "5.00"),
            flavor("a100-large", "A100 large", "12 vCPU", "142 GB", "A100 80 GB", "2.50"),
            flavor("a100x4", "4x A100", "48 vCPU", "568 GB", "4x A100 320 GB", "10.00"),
            flavor("a100x8", "8x A100", "96 vCPU", "1136 GB", "8x A100 640 GB", "20.00"));

    private final HfApi api;
    private final Path cacheFile;
    private volatile Map<String, HfFlavor> loaded;
    private volatile Instant loadedAt = Instant.MIN;

    public HfHardware(HfApi api, Environment environment) {
        this.api = api;
        this.cacheFile = environment.home().resolve("hf-hardware.json");
    }

    /** The flavors by id, asking the Hub at most once a day; never fails (falls back as the class says). */
    public Map<String, HfFlavor> flavors() throws InterruptedException {
        Map<String, HfFlavor> current = loaded;
        if (current != null && loadedAt.plus(FRESH).isAfter(Instant.now())) {
            return current;
        }
        try {
            JsonNode cached = readCache();
            if (cached != null && Instant.parse(cached.path("at").asText()).plus(FRESH).isAfter(Instant.now())) {
                return remember(parse(cached.path("flavors")));
            }
        } catch (RuntimeException e) {
            LOG.debug("Ignoring the hardware cache: {}", e.toString());
        }
        try {
            JsonNode list = api.hardware();
            Map<String, HfFlavor> fresh = parse(list);
            if (!fresh.isEmpty()) {
                writeCache(list);
                return remember(fresh);
            }
        } catch (TetherException e) {
            LOG.info("Cannot read the Space hardware list, using the last known prices: {}", e.getMessage());
        }
        JsonNode cached = readCache();
        if (cached != null) {
            Map<String, HfFlavor> old = parse(cached.path("flavors"));
            if (!old.isEmpty()) {
                return remember(old);
            }
        }
        Map<String, HfFlavor> reference = new LinkedHashMap<>();
        REFERENCE.forEach(f -> reference.put(f.name(), f));
        return remember(reference);
    }

    public Optional<HfFlavor> flavor(String id) throws InterruptedException {
        return id == null ? Optional.empty() : Optional.ofNullable(flavors().get(id));
    }

    private Map<String, HfFlavor> remember(Map<String, HfFlavor> flavors) {
        loaded = flavors;
        loadedAt = Instant.now();
        return flavors;
    }

    /** The hardware list's items; cost per {@code unitLabel} ("minute", "hour") turned into USD per hour. */
    static Map<String, HfFlavor> parse(JsonNode list) {
        Map<String, HfFlavor> flavors = new LinkedHashMap<>();
        for (JsonNode item : list) {
            String name = item.path("name").asText(null);
            if (name == null) {
                continue;
            }
            BigDecimal perHour = null;
            if (item.hasNonNull("unitCostUSD") || item.hasNonNull("unitCostMicroUSD")) {
                BigDecimal unit = item.hasNonNull("unitCostUSD") ? item.get("unitCostUSD").decimalValue()
                        : item.get("unitCostMicroUSD").decimalValue().movePointLeft(6);
                String label = item.path("unitLabel").asText("minute");
                BigDecimal factor = switch (label) {
                    case "second" -> BigDecimal.valueOf(3600);
                    case "hour" -> BigDecimal.ONE;
                    default -> BigDecimal.valueOf(60);
                };
                perHour = unit.multiply(factor).setScale(2, RoundingMode.HALF_UP);
            }
            JsonNode acc = item.path("accelerator");
            String accelerator = acc.isObject() ? (acc.path("quantity").asInt(1) > 1 ? acc.path("quantity").asInt() + "x " : "")
                    + acc.path("model").asText("") + (acc.hasNonNull("vram") ? " " + acc.path("vram").asText() : "") : null;
            flavors.put(name, new HfFlavor(name, item.path("prettyName").asText(name), text(item.get("cpu")),
                    text(item.get("ram")), accelerator == null || accelerator.isBlank() ? null : accelerator.strip(), perHour));
        }
        return flavors;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private JsonNode readCache() {
        try {
            return HfApi.JSON.readTree(Files.readAllBytes(cacheFile));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.info("Ignoring unreadable {}: {}", cacheFile, e.toString());
            return null;
        }
    }

    private void writeCache(JsonNode list) {
        try {
            var root = HfApi.JSON.createObjectNode().put("at", Instant.now().toString());
            root.set("flavors", list);
            AtomicFiles.write(cacheFile, HfApi.JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            LOG.info("Could not cache the hardware list in {}: {}", cacheFile, e.toString());
        }
    }

    private static HfFlavor flavor(String id, String name, String cpu, String ram, String gpu, String price) {
        return new HfFlavor(id, name, cpu, ram, gpu, new BigDecimal(price));
    }
}
