package app.tether.watch.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Months and days in the user's zone (Shanghai, UTC+8), overlaps from two writers, the 30-day series. */
class SpendReportTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final BigDecimal TWO = new BigDecimal("2.00");

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void monthAndDayBoundariesFollowTheUsersZoneNotUtc() {
        // 15:00–17:00 UTC on 30 Nov is 23:00–01:00 in Shanghai: one hour in November, one in December.
        List<LedgerRecord> records = List.of(
                LedgerRecord.run("vm", at("2026-11-30T15:00:00Z"), at("2026-11-30T17:00:00Z"), TWO));
        Instant now = at("2026-12-01T04:00:00Z"); // noon on 1 Dec in Shanghai
        SpendReport december = SpendReport.of(records, YearMonth.of(2026, 12), SHANGHAI, now);
        assertEquals(new BigDecimal("2.00"), december.total());
        assertEquals(new BigDecimal("2.00"), december.today());
        assertEquals(Duration.ofHours(1), december.targets().get(0).running());
        SpendReport november = SpendReport.of(records, YearMonth.of(2026, 11), SHANGHAI, now);
        assertEquals(new BigDecimal("2.00"), november.total());
        assertNull(november.today());
        assertEquals(30, november.days().size());
        assertEquals(new BigDecimal("2.00"), november.days().get(29).usd());
        // The last 30 days end today (1 Dec): 30 Nov has one hour, 1 Dec one hour.
        List<SpendReport.DaySpend> days = december.days();
        assertEquals(LocalDate.of(2026, 12, 1), days.get(29).day());
        assertEquals(new BigDecimal("2.00"), days.get(28).usd());
        assertEquals(new BigDecimal("2.00"), days.get(29).usd());
        assertEquals(LocalDate.of(2026, 11, 2), days.get(0).day());
    }

    @Test
    void overlappingLinesFromTwoProcessesCountOnceAndSeenRunningIsNotUnknown() {
        List<LedgerRecord> records = List.of(
                LedgerRecord.run("space", at("2026-12-05T01:00:00Z"), at("2026-12-05T02:00:00Z"), TWO),
                LedgerRecord.run("space", at("2026-12-05T01:00:00Z"), at("2026-12-05T01:30:00Z"), TWO),
                LedgerRecord.run("space", at("2026-12-05T01:20:00Z"), at("2026-12-05T02:30:00Z"), TWO),
                LedgerRecord.unknown("space", at("2026-12-05T02:00:00Z"), at("2026-12-05T03:00:00Z")));
        SpendReport report = SpendReport.of(records, YearMonth.of(2026, 12), SHANGHAI, at("2026-12-05T12:00:00Z"));
        SpendReport.TargetSpend space = report.targets().get(0);
        assertEquals(Duration.ofMinutes(90), space.running());
        assertEquals(Duration.ofMinutes(30), space.unknown());
        assertEquals(new BigDecimal("3.00"), space.month());
        assertEquals(Duration.ofMinutes(30), report.unknown());
    }

    @Test
    void timeAfterNowAndOutsideTheMonthIsNotCounted() {
        List<LedgerRecord> records = List.of(
                LedgerRecord.run("a", at("2026-10-31T00:00:00Z"), at("2026-11-01T00:00:00Z"), TWO),
                LedgerRecord.run("b", at("2026-12-05T00:00:00Z"), at("2026-12-05T01:00:00Z"), new BigDecimal("0.5")));
        SpendReport report = SpendReport.of(records, YearMonth.of(2026, 12), SHANGHAI, at("2026-12-05T00:30:00Z"));
        assertEquals(List.of("b"), report.targets().stream().map(SpendReport.TargetSpend::target).toList());
        assertEquals(new BigDecimal("0.25"), report.total());
    }
}
