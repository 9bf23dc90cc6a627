package app.tether.watch.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.watch.spend.SpendTracker.Seen;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Interval arithmetic: observations in, ledger records out, and what a report makes of them. */
class SpendTrackerTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final BigDecimal PRICE = new BigDecimal("1.20");
    private final SpendTracker tracker = new SpendTracker(Duration.ofSeconds(60), Duration.ofMinutes(15));
    private final List<LedgerRecord> written = new ArrayList<>();

    private List<LedgerRecord> at(long seconds, Seen seen, BigDecimal price) {
        List<LedgerRecord> out = tracker.observe("gpu", seen, price, T0.plusSeconds(seconds), null, BOUND, Optional::empty);
        written.addAll(out);
        return out;
    }

    private SpendReport report(long nowSeconds) {
        return SpendReport.of(written, YearMonth.of(2026, 12), ZoneId.of("UTC"), T0.plusSeconds(nowSeconds));
    }

    @Test
    void aRunGrowsWhileObservationsSayItRunsAndEndsAtTheFirstThatSaysStopped() {
        at(0, Seen.RUN, PRICE);
        for (int s = 15; s <= 3600; s += 15) {
            at(s, Seen.RUN, PRICE);
        }
        at(3615, Seen.OFF, null);
        SpendReport report = report(4000);
        SpendReport.TargetSpend gpu = report.targets().get(0);
        assertEquals(Duration.ofSeconds(3615), gpu.running());
        assertEquals(new BigDecimal("1.21"), gpu.month()); // 1.20 × 3615 s / 3600 s = 1.205 → 1.21
        assertEquals(Duration.ZERO, gpu.unknown());
        // Written about once a minute, not at every observation.
        long runLines = written.stream().filter(r -> r.kind() == LedgerRecord.Kind.RUN).count();
        assertEquals(true, runLines >= 60 && runLines <= 63, "lines: " + runLines);
    }

    @Test
    void aPriceChangeSplitsTheInterval() {
        at(0, Seen.RUN, PRICE);
        at(60, Seen.RUN, PRICE);
        at(1800, Seen.RUN, PRICE); // beyond the bound: unknown between
        List<LedgerRecord> change = at(1860, Seen.RUN, new BigDecimal("3.60"));
        assertEquals(List.of(LedgerRecord.run("gpu", T0.plusSeconds(1800), T0.plusSeconds(1860), PRICE),
                LedgerRecord.run("gpu", T0.plusSeconds(1860), T0.plusSeconds(1860), new BigDecimal("3.60"))), change);
        at(1920, Seen.RUN, new BigDecimal("3.60"));
        at(1980, Seen.OFF, null);
        SpendReport.TargetSpend gpu = report(2000).targets().get(0);
        // 120 s at 1.20 + 120 s at 3.60 = 0.04 + 0.12
        assertEquals(new BigDecimal("0.16"), gpu.month());
        assertEquals(Duration.ofSeconds(1740), gpu.unknown());
        assertEquals(Duration.ofSeconds(240), gpu.running());
    }

    @Test
    void aGapLongerThanTheBoundIsUnknownWhenItRanAtEitherEndAndNothingWhenStoppedAtBoth() {
        at(0, Seen.OFF, null);
        at(600, Seen.OFF, null); // stopped at both ends: not billed, not unknown
        List<LedgerRecord> gap = at(1200, Seen.RUN, PRICE);
        assertEquals(LedgerRecord.unknown("gpu", T0.plusSeconds(600), T0.plusSeconds(1200)), gap.get(0));
        at(1260, Seen.RUN, PRICE);
        at(1320, Seen.NONE, null); // the API did not answer: not an observation
        at(1500, Seen.NONE, null);
        at(1800, Seen.OFF, null); // last seen running at 1260: 540 s without an observation
        SpendReport.TargetSpend gpu = report(1900).targets().get(0);
        assertEquals(Duration.ofSeconds(60), gpu.running());
        assertEquals(Duration.ofSeconds(600 + 540), gpu.unknown());
        assertEquals(new BigDecimal("0.02"), gpu.month());
    }

    @Test
    void aGapWithinTheBoundIsPollingNotUnknown() {
        at(0, Seen.RUN, PRICE);
        at(170, Seen.RUN, PRICE);
        at(180, Seen.OFF, null);
        assertEquals(Duration.ofSeconds(180), report(200).targets().get(0).running());
        assertEquals(Duration.ZERO, report(200).targets().get(0).unknown());
    }

    @Test
    void runningWithoutAKnownPriceCountsAsUnpricedTimeNotAsMoney() {
        at(0, Seen.RUN, null);
        at(60, Seen.RUN, null);
        at(120, Seen.OFF, null);
        SpendReport.TargetSpend gpu = report(200).targets().get(0);
        assertEquals(Duration.ofSeconds(120), gpu.unpriced());
        assertEquals(new BigDecimal("0.00"), gpu.month());
    }

    @Test
    void aNewProcessResumesFromTheLedgerAndTheTimeItWasNotRunningIsUnknown() {
        at(0, Seen.RUN, PRICE);
        at(30, Seen.RUN, PRICE);
        at(60, Seen.RUN, PRICE);
        at(90, Seen.RUN, PRICE); // seen, not yet written: lost with the process
        LedgerRecord last = written.get(written.size() - 1);
        assertEquals(T0.plusSeconds(60), last.to());
        SpendTracker restarted = new SpendTracker(Duration.ofSeconds(60), Duration.ofMinutes(15));
        List<LedgerRecord> out = restarted.observe("gpu", Seen.RUN, PRICE, T0.plusSeconds(3600), null, BOUND,
                () -> Optional.of(last));
        assertEquals(LedgerRecord.unknown("gpu", T0.plusSeconds(60), T0.plusSeconds(3600)), out.get(0));
        written.addAll(out);
        SpendReport.TargetSpend gpu = report(3600).targets().get(0);
        assertEquals(Duration.ofSeconds(60), gpu.running());
        assertEquals(Duration.ofSeconds(3540), gpu.unknown());
    }

    private List<LedgerRecord> started(long seconds, Seen seen, long startedSeconds) {
        List<LedgerRecord> out = tracker.observe("gpu", seen, PRICE, T0.plusSeconds(seconds),
                T0.plusSeconds(startedSeconds), BOUND, Optional::empty);
        written.addAll(out);
        return out;
    }

    @Test
    void theProvidersOwnStartTimeBeginsTheRunButNeverBeforeTheLastObservation() {
        // First seen running, the provider says since 20 min before: that is when the run began.
        assertEquals(List.of(LedgerRecord.run("gpu", T0.minusSeconds(1200), T0, PRICE)), started(0, Seen.RUN, -1200));
        started(60, Seen.RUN, -1200);
        at(120, Seen.OFF, null);
        // Seen stopped at 120 and running at 150, started at 130 by the provider's record.
        assertEquals(List.of(LedgerRecord.off("gpu", T0.plusSeconds(120), T0.plusSeconds(130)),
                LedgerRecord.run("gpu", T0.plusSeconds(130), T0.plusSeconds(150), PRICE)), started(150, Seen.RUN, 130));
        at(200, Seen.OFF, null);
        // A start the provider dates before the last observation (a stale record) is not used.
        assertEquals(LedgerRecord.run("gpu", T0.plusSeconds(210), T0.plusSeconds(210), PRICE),
                started(210, Seen.RUN, 100).get(1));
        // Seen running at 210, then nothing until 2000: it was restarted at 1900 by the provider's record.
        List<LedgerRecord> gap = started(2000, Seen.RUN, 1900);
        assertEquals(List.of(LedgerRecord.unknown("gpu", T0.plusSeconds(210), T0.plusSeconds(1900)),
                LedgerRecord.run("gpu", T0.plusSeconds(1900), T0.plusSeconds(2000), PRICE)), gap);
        at(2100, Seen.OFF, null);
        at(3000, Seen.OFF, null);
        // Stopped at 3000, next seen running at 4000 after a start at 3500: stopped until the start, not unknown.
        assertEquals(List.of(LedgerRecord.run("gpu", T0.plusSeconds(3500), T0.plusSeconds(4000), PRICE)),
                started(4000, Seen.RUN, 3500));
        SpendReport.TargetSpend gpu = report(4000).targets().get(0);
        // 1200 + 120 before the stop at 120, 130–200, 1900–2100, 3500–4000 (210 until the gap: 0 s).
        assertEquals(Duration.ofSeconds(1320 + 70 + 200 + 500), gpu.running());
        assertEquals(Duration.ofSeconds(1690), gpu.unknown());
    }

    @Test
    void aCleanShutdownWritesWhatWasSeen() {
        at(0, Seen.RUN, PRICE);
        at(30, Seen.RUN, PRICE);
        assertEquals(List.of(LedgerRecord.run("gpu", T0, T0.plusSeconds(30), PRICE)), tracker.flush());
        assertEquals(List.of(), tracker.flush());
    }
}
