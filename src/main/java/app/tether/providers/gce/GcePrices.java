package app.tether.providers.gce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Tether's dated price table ({@code gce-prices.json}): USD per hour for common machine types and GPUs, Spot and
 * standard, per region. A machine or GPU missing from it gives no price at all (never a guess).
 */
public final class GcePrices {
    private static final GcePrices BUNDLED = load();

    private final JsonNode table;

    private GcePrices(JsonNode table) {
        this.table = table;
    }

    public static GcePrices bundled() {
        return BUNDLED;
    }

    /** The day the table was compiled (shown with every price from it). */
    public String date() {
        return table.path("date").asText();
    }

    /** The price per hour, or null when the region, machine type or a GPU is not in the table. */
    public BigDecimal perHour(String region, String machineType, Map<String, Integer> gpus, boolean spot) {
        JsonNode prices = table.path("regions").path(region);
        JsonNode machine = prices.path("machineTypes").path(machineType);
        String model = spot ? "spot" : "standard";
        if (!machine.has(model)) {
            return null;
        }
        BigDecimal total = machine.get(model).decimalValue();
        if (!machine.path("gpuIncluded").asBoolean(false)) {
            for (Map.Entry<String, Integer> gpu : gpus.entrySet()) {
                JsonNode price = prices.path("gpus").path(gpu.getKey());
                if (!price.has(model)) {
                    return null;
                }
                total = total.add(price.get(model).decimalValue().multiply(BigDecimal.valueOf(gpu.getValue())));
            }
        }
        return total;
    }

    private static GcePrices load() {
        try (InputStream in = GcePrices.class.getResourceAsStream("/app/tether/providers/gce/gce-prices.json")) {
            if (in == null) {
                throw new IllegalStateException("gce-prices.json missing from the build");
            }
            return new GcePrices(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
