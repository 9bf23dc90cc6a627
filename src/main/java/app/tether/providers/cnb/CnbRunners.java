package app.tether.providers.cnb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CNB's workspace runners (node tags, cores, GPU memory, time limit), its core-hour price and the overnight
 * recycling window, read from {@code runners.json}: CNB's documents disagree between versions, so these are data.
 */
public final class CnbRunners {
    /** One runner tag and what CNB documents for it. */
    public record Runner(String key, String tag, boolean gpu, int cores, Integer gpuMemoryGb, Duration maxLifetime,
            String note) {
    }

    /** Price per core-hour (and the free monthly GPU core-hours) as of {@code date}. */
    public record Pricing(LocalDate date, String currency, BigDecimal perCoreHour, int freeGpuCoreHoursPerMonth) {
        /**
         * What one hour of {@code runner} costs beyond the free quota: cores × rate, with two decimals at least
         * ("8.00", not "8.0" from a rate of "0.5"), as money is written everywhere else and kept in the inventory.
         */
        public BigDecimal perHour(Runner runner) {
            BigDecimal hourly = perCoreHour.multiply(BigDecimal.valueOf(runner.cores()));
            return hourly.scale() < 2 ? hourly.setScale(2) : hourly;
        }
    }

    /** Workspaces used more than {@code after} are recycled inside [from, to) local time in {@code zone}. */
    public record Overnight(ZoneId zone, LocalTime from, LocalTime to, Duration after) {
    }

    private static final CnbRunners STANDARD = load();

    private final List<Runner> runners;
    private final Pricing pricing;
    private final Overnight overnight;

    private CnbRunners(List<Runner> runners, Pricing pricing, Overnight overnight) {
        this.runners = List.copyOf(runners);
        this.pricing = pricing;
        this.overnight = overnight;
    }

    public static CnbRunners standard() {
        return STANDARD;
    }

    public List<Runner> all() {
        return runners;
    }

    /** The runner called {@code key} ("default", "L40", "H20", "cpu"; any case) or with that tag. */
    public Optional<Runner> find(String keyOrTag) {
        if (keyOrTag == null) {
            return Optional.empty();
        }
        return runners.stream().filter(r -> r.key().equalsIgnoreCase(keyOrTag) || r.tag().equals(keyOrTag))
                .findFirst();
    }

    /** The runner of a workspace: its recorded tag, else the default GPU runner (the shorter limit: warn early). */
    public Runner forTag(String tag) {
        return find(tag).orElse(runners.get(0));
    }

    public Pricing pricing() {
        return pricing;
    }

    public Overnight overnight() {
        return overnight;
    }

    private static CnbRunners load() {
        try (InputStream in = CnbRunners.class.getResourceAsStream("/app/tether/providers/cnb/runners.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Runner> runners = new ArrayList<>();
            for (JsonNode r : root.path("runners")) {
                runners.add(new Runner(r.path("key").asText(), r.path("tag").asText(), r.path("gpu").asBoolean(),
                        r.path("cores").asInt(), r.has("gpuMemoryGb") ? r.path("gpuMemoryGb").asInt() : null,
                        Duration.ofHours(r.path("maxHours").asLong()), r.has("note") ? r.path("note").asText() : null));
            }
            JsonNode p = root.path("pricing");
            Pricing pricing = new Pricing(LocalDate.parse(p.path("date").asText()), p.path("currency").asText(),
                    new BigDecimal(p.path("perCoreHour").asText()), p.path("freeGpuCoreHoursPerMonth").asInt());
            JsonNode o = root.path("overnight");
            Overnight overnight = new Overnight(ZoneId.of(o.path("zone").asText()), LocalTime.parse(o.path("from").asText()),
                    LocalTime.parse(o.path("to").asText()), Duration.ofHours(o.path("afterHours").asLong()));
            return new CnbRunners(runners, pricing, overnight);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
