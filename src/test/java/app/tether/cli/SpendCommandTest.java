package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.inventory.HfSpace;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import app.tether.watch.spend.LedgerRecord;
import app.tether.watch.spend.SpendLedger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code tether spend} and {@code tether spend limit} as a user runs them, in Shanghai time. */
@ExtendWith(EnglishMessages.class)
class SpendCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path dir;

    private Environment environment;
    private CliRunner cli;

    /** An amount as printed (the tree model drops trailing zeros, so they are checked on the text too). */
    private static BigDecimal usd(JsonNode node) {
        return node.decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    @BeforeEach
    void setUp() throws Exception {
        environment = new Environment(dir.resolve("tether-home"), dir.resolve("home"))
                .withVariable("TZ", "Asia/Shanghai");
        cli = CliRunner.of(environment);
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty()
                .add(new HfSpace("lab", "alice/lab", null, List.of(), "", null))
                .add(new HfSpace("big", "alice/big", null, List.of(), "", null)));
        SpendLedger ledger = SpendLedger.in(environment);
        // 30 Nov 2025 23:00 – 1 Dec 01:00 in Shanghai: one hour in each month.
        ledger.append(List.of(
                LedgerRecord.run("lab", Instant.parse("2025-11-30T15:00:00Z"), Instant.parse("2025-11-30T17:00:00Z"),
                        new BigDecimal("0.60")),
                LedgerRecord.run("big", Instant.parse("2025-11-10T02:00:00Z"), Instant.parse("2025-11-10T05:00:00Z"),
                        new BigDecimal("1.00")),
                LedgerRecord.unknown("big", Instant.parse("2025-11-10T05:00:00Z"),
                        Instant.parse("2025-11-10T05:30:00Z"))));
    }

    @Test
    void jsonGivesTheMonthPerTargetPerDayAndUnknownTimeInTheUsersZone() throws Exception {
        assertEquals(0, cli.run("spend", "--month", "2025-11", "--json"), cli.err());
        JsonNode root = JSON.readTree(cli.out());
        assertTrue(cli.out().contains("\"total\":3.60,"), cli.out());
        assertEquals("2025-11", root.path("month").asText());
        assertEquals("Asia/Shanghai", root.path("zone").asText());
        assertTrue(root.path("today").isNull(), "no 'today' in a past month");
        assertEquals(new BigDecimal("3.60"), usd(root.path("total")));
        assertEquals(1800, root.path("unknownSeconds").asLong());
        JsonNode big = root.path("targets").get(0);
        assertEquals("big", big.path("name").asText());
        assertEquals(new BigDecimal("3.00"), usd(big.path("month")));
        assertEquals(3 * 3600, big.path("runningSeconds").asLong());
        assertEquals(1800, big.path("unknownSeconds").asLong());
        JsonNode lab = root.path("targets").get(1);
        assertEquals(new BigDecimal("0.60"), usd(lab.path("month")));
        assertEquals(3600, lab.path("runningSeconds").asLong());
        assertEquals(30, root.path("days").size());
        assertEquals("2025-11-30", root.path("days").get(29).path("date").asText());
        assertEquals(new BigDecimal("0.60"), usd(root.path("days").get(29).path("usd")));
        assertEquals(new BigDecimal("3.00"), usd(root.path("days").get(9).path("usd")));
        assertTrue(root.path("limit").isNull());

        assertEquals(0, cli.run("spend", "--month", "2025-12", "--json"));
        assertEquals(new BigDecimal("0.60"), usd(JSON.readTree(cli.out()).path("total")));
    }

    @Test
    void textIsOneLinePerTargetWithATotal() {
        assertEquals(0, cli.run("spend", "--month", "2025-11"), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertEquals("Spend in November 2025 (Asia/Shanghai), USD", lines.get(0));
        assertTrue(lines.get(1).startsWith("TARGET"), lines.get(1));
        assertTrue(lines.get(2).matches("big\\s+-\\s+\\$3\\.00\\s+3 h 00 min\\s+-\\s+30 min"), lines.get(2));
        assertTrue(lines.get(3).matches("lab\\s+-\\s+\\$0\\.60\\s+1 h 00 min\\s+-\\s+0 min"), lines.get(3));
        assertTrue(lines.get(4).matches("Total\\s+-\\s+\\$3\\.60\\s+30 min"), lines.get(4));
        assertEquals(0, cli.run("spend", "--month", "2024-01"));
        assertTrue(cli.out().startsWith("No spend recorded for January 2024."), cli.out());
    }

    @Test
    void limitsAreSetListedUsedAndClearedAndBadInputIsAUsageError() throws Exception {
        assertEquals(0, cli.run("spend", "limit"));
        assertEquals("No spend limits set.", cli.out().strip());
        assertEquals(0, cli.run("spend", "limit", "big", "5", "--pause"), cli.err());
        assertEquals("Monthly limit for big set to $5.00, pauses at 100 %.", cli.out().strip());
        assertEquals(0, cli.run("spend", "limit", "$100"));
        assertEquals(0, cli.run("spend", "limit"));
        assertEquals(List.of("Monthly limit for all targets: $100.00", "Monthly limit for big: $5.00, pauses at 100 %"),
                cli.out().lines().toList());
        assertEquals(0, cli.run("spend", "--month", "2025-11"));
        assertTrue(cli.out().contains("Limit big: $3.00 of $5.00 used (60 %), pauses at 100 %"), cli.out());
        assertEquals(0, cli.run("spend", "--month", "2025-11", "--json"));
        JsonNode root = JSON.readTree(cli.out());
        assertEquals(new BigDecimal("5.00"), usd(root.path("targets").get(0).path("limit").path("usd")));
        assertTrue(root.path("targets").get(0).path("limit").path("pause").asBoolean());
        assertEquals(new BigDecimal("100.00"), usd(root.path("limit").path("usd")));

        for (String bad : List.of("0", "-1", "abc", "1.234", "1e3", "99999999")) {
            assertEquals(2, cli.run("spend", "limit", "big", bad), bad);
            assertEquals("tether: Not an amount in USD: " + bad
                    + " (expected a number above 0 with at most 2 decimals, e.g. 20 or 12.50)", cli.err().strip());
        }
        assertEquals(1, cli.run("spend", "limit", "nosuch", "5"));
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertEquals(2, cli.run("spend", "--month", "2025-13"));
        assertEquals("tether: Not a month: 2025-13 (expected YYYY-MM, e.g. 2026-12)", cli.err().strip());

        assertEquals(0, cli.run("spend", "limit", "big", "--clear"));
        assertEquals("Monthly limit for big removed.", cli.out().strip());
        assertEquals(0, cli.run("spend", "limit", "big", "--clear"));
        assertEquals("No monthly limit for big to remove.", cli.out().strip());
        assertEquals(0, cli.run("spend", "limit", "--clear"));
        assertEquals(0, cli.run("spend", "limit"));
        assertEquals("No spend limits set.", cli.out().strip());
    }

    @Test
    void thisMonthIsTheDefaultAndTodayIsShown() throws Exception {
        Instant now = Instant.now();
        SpendLedger.in(environment).append(List.of(LedgerRecord.run("lab", now.minus(Duration.ofMinutes(2)),
                now.minus(Duration.ofMinutes(1)), new BigDecimal("6.00"))));
        assertEquals(0, cli.run("spend", "--json"), cli.err());
        JsonNode root = JSON.readTree(cli.out());
        assertEquals(new BigDecimal("0.10"), usd(root.path("total")));
        assertTrue(root.path("today").isNumber());
        assertEquals(30, root.path("days").size());
    }
}
