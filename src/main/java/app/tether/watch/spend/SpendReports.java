package app.tether.watch.spend;

import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/** Reads the ledger lines a month's report needs (the month, and the last 30 days when it is the current one). */
public final class SpendReports {
    private SpendReports() {
    }

    public static SpendReport read(SpendLedger ledger, YearMonth month, ZoneId zone, Instant now) throws IOException {
        Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant thirtyDays = now.atZone(zone).toLocalDate().minusDays(30).atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant from = start.isBefore(thirtyDays) ? start : thirtyDays;
        return SpendReport.of(ledger.read(from, end.isBefore(now) ? end : now), month, zone, now);
    }
}
