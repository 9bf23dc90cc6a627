package app.tether.providers.cnb;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A group's GPU workspace core-hours from {@code charge/special-amount} ({@code compute_develop_gpu_corehour}).
 * The value's shape is not documented, so a number is taken as is and an object is read for the usual names.
 */
public record CnbQuota(String group, BigDecimal gpuCoreHours, String raw) {
    static final String FIELD = "compute_develop_gpu_corehour";

    /** Empty when the answer has no GPU core-hour field. */
    public static Optional<CnbQuota> from(String group, JsonNode amounts) {
        JsonNode value = amounts.path(FIELD);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new CnbQuota(group, number(value), value.toString()));
    }

    private static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        for (String name : new String[] {"remain", "remaining", "left", "amount", "total"}) {
            if (value.path(name).isNumber()) {
                return value.path(name).decimalValue();
            }
        }
        return null;
    }

    /** Hours a workspace of {@code runner} can run on this quota (core-hours / cores); null when unknown. */
    public BigDecimal hoursOf(CnbRunners.Runner runner) {
        return gpuCoreHours == null ? null
                : gpuCoreHours.divide(BigDecimal.valueOf(runner.cores()), 1, java.math.RoundingMode.DOWN);
    }
}
