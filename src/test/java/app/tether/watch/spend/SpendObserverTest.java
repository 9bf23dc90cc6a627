package app.tether.watch.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.HfSpace;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.Providers;
import app.tether.providers.StateCache;
import app.tether.providers.hf.HfProvider;
import app.tether.testing.HfStandIn;
import app.tether.watch.WatchEvent;
import app.tether.workflow.Lifecycle;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observer against the stand-in Hub through the real HF provider and Lifecycle: states observed at a controlled
 * time go into the ledger, limits fire once at 80 % and 100 %, and a pause at the limit reaches the Hub.
 */
class SpendObserverTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant START = Instant.parse("2026-12-05T01:00:00Z");

    @TempDir
    Path dir;

    private HfStandIn hub;
    private Environment environment;
    private Lifecycle lifecycle;
    private final MovableClock clock = new MovableClock(START);
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private final HfSpace lab = new HfSpace("lab", "alice/lab", null, null, null, null);
    private final HfSpace big = new HfSpace("big", "alice/big", null, null, null, null);

    /** A clock the test moves (in Shanghai, UTC+8). */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void startHub() throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        hub = HfStandIn.start();
        hub.addUser("alice", "hf_alice_write", "write");
        URI nowhere = URI.create("http://127.0.0.1:9");
        hub.addSpace("alice/lab", false, "t4-medium", nowhere); // $0.60 an hour
        hub.addSpace("alice/big", false, "a10g-small", nowhere); // $1.00 an hour
        environment = new Environment(dir.resolve("tether-home"), dir.resolve("home"))
                .withVariable("HF_ENDPOINT", hub.endpoint().toString()).withVariable("HF_TOKEN", "hf_alice_write");
        lifecycle = new Lifecycle(new Providers().register(new HfProvider(environment)),
                StateCache.in(environment));
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private SpendObserver observer() {
        return new SpendObserver(SpendLedger.in(environment), SpendLimits.in(environment), clock, events::add,
                lifecycle, BackgroundExecutors.direct(), SpendObserver.MIN_GAP_BOUND);
    }

    /** What the Hub says now, as observed at the test clock's time. */
    private void observe(SpendObserver observer, HfSpace space) throws InterruptedException {
        LiveState state = lifecycle.observe(space);
        observer.observed(space, new LiveState(state.state(), state.stage(), state.hardware(), state.pricePerHour(),
                state.message(), clock.instant()));
    }

    private List<WatchEvent.Type> types() {
        return events.stream().map(WatchEvent::type).toList();
    }

    private SpendReport report() throws Exception {
        return SpendReports.read(SpendLedger.in(environment), YearMonth.of(2026, 12), SHANGHAI, clock.instant());
    }

    @Test
    void aTargetLimitWarnsOnceAt80PercentThenPausesTheSpaceOnceAt100() throws Exception {
        SpendLimits.in(environment).set("lab", new SpendLimits.Limit(new BigDecimal("1.00"), true));
        SpendObserver observer = observer();
        observe(observer, lab);
        for (int minute = 5; minute <= 75; minute += 5) {
            clock.advance(Duration.ofMinutes(5));
            observe(observer, lab);
        }
        assertEquals(List.of(), types(), "$0.75 of $1.00: nothing yet");
        clock.advance(Duration.ofMinutes(5));
        observe(observer, lab); // 80 min at $0.60/h = $0.80
        assertEquals(List.of(WatchEvent.Type.SPEND_LIMIT_WARNING), types());
        assertEquals("lab", events.get(0).target());
        assertEquals("lab: $0.80 spent this month, 80 % of the monthly limit of $1.00.", events.get(0).message());
        for (int minute = 85; minute <= 95; minute += 5) {
            clock.advance(Duration.ofMinutes(5));
            observe(observer, lab);
        }
        assertEquals(1, events.size(), "the warning is given once");
        assertEquals("RUNNING", hub.stage("alice/lab"));
        clock.advance(Duration.ofMinutes(5));
        observe(observer, lab); // 100 min = $1.00
        assertEquals(List.of(WatchEvent.Type.SPEND_LIMIT_WARNING, WatchEvent.Type.SPEND_LIMIT_REACHED,
                WatchEvent.Type.PAUSED_BY_TETHER), types());
        assertEquals("PAUSED", hub.stage("alice/lab"), "the pause reached the Hub");
        assertEquals(TargetState.PAUSED, events.get(2).state());
        assertEquals("Tether paused lab: the monthly spend limit of $1.00 (lab) was reached.", events.get(2).message());

        // Paused now: observed as not billed, and the interval ends there.
        clock.advance(Duration.ofMinutes(5));
        observe(observer, lab);
        // The user starts it again: Tether does not pause it a second time this month, not even another process.
        hub.setStage("alice/lab", "RUNNING", null);
        SpendObserver other = observer();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(5));
            observe(observer, lab);
            observe(other, lab);
        }
        assertEquals(3, events.size(), "each notice once per month: " + types());
        assertEquals("RUNNING", hub.stage("alice/lab"));
        observer.close();
        other.close();
        SpendReport.TargetSpend spend = report().targets().get(0);
        // 100 min running until the pause was accepted, paused until seen running at 110, then 15 min (both
        // observers' lines counted once).
        assertEquals(Duration.ofMinutes(115), spend.running());
        assertEquals(new BigDecimal("1.15"), spend.month());
        assertEquals(Duration.ZERO, spend.unknown());
    }

    @Test
    void theOverallLimitPausesEveryBilledSpaceAndIsNamedForAllTargets() throws Exception {
        SpendLimits.in(environment).set(null, new SpendLimits.Limit(new BigDecimal("1.60"), true));
        SpendObserver observer = observer();
        for (int minute = 0; minute <= 60; minute += 5) {
            observe(observer, lab);
            observe(observer, big);
            clock.advance(Duration.ofMinutes(5));
        }
        // 60 min of both: $0.60 + $1.00 = $1.60
        assertEquals(List.of(WatchEvent.Type.SPEND_LIMIT_WARNING, WatchEvent.Type.SPEND_LIMIT_REACHED,
                WatchEvent.Type.PAUSED_BY_TETHER, WatchEvent.Type.PAUSED_BY_TETHER), types());
        assertNull(events.get(1).target(), "the overall limit is no target's");
        assertTrue(events.get(1).message().startsWith("All targets: $1.60 spent this month"));
        assertEquals(List.of("lab", "big"), events.subList(2, 4).stream().map(WatchEvent::target).sorted(
                java.util.Comparator.reverseOrder()).toList());
        assertEquals("PAUSED", hub.stage("alice/lab"));
        assertEquals("PAUSED", hub.stage("alice/big"));
        observer.close();
    }

    /**
     * The Hub bills a Space only while Starting or Running (reference hf-spaces-api.md §2.3; hub-docs: a Space that
     * keeps crashing is suspended, which stops the billing): a paid Space in RUNTIME_ERROR is not billed, its run ends
     * at the first observation of the error, and a new one begins when it runs again.
     */
    @Test
    void aPaidSpaceInRuntimeErrorIsNotBilledAndItsRunEndsWhereTheErrorIsSeen() throws Exception {
        SpendObserver observer = observer();
        for (int minute = 0; minute <= 30; minute += 5) {
            observe(observer, lab);
            clock.advance(Duration.ofMinutes(5));
        }
        hub.setStage("alice/lab", "RUNTIME_ERROR", "Exit code: 1");
        for (int minute = 35; minute <= 60; minute += 5) {
            observe(observer, lab);
            clock.advance(Duration.ofMinutes(5));
        }
        hub.setStage("alice/lab", "RUNNING", null);
        for (int minute = 65; minute <= 75; minute += 5) {
            observe(observer, lab);
            clock.advance(Duration.ofMinutes(5));
        }
        observer.close();
        SpendReport.TargetSpend spend = report().targets().get(0);
        assertEquals(Duration.ofMinutes(45), spend.running(), "0-35 min and 65-75 min at $0.60/h");
        assertEquals(new BigDecimal("0.45"), spend.month());
        assertEquals(Duration.ZERO, spend.unknown(), "the error time was observed: not running, not unknown");
    }

    @Test
    void aLimitWithoutPauseOnlyTellsAndAFreeSpaceCostsNothing() throws Exception {
        hub.addSpace("alice/free", false, "cpu-basic", URI.create("http://127.0.0.1:9"));
        HfSpace free = new HfSpace("free", "alice/free", null, null, null, null);
        SpendLimits.in(environment).set("lab", new SpendLimits.Limit(new BigDecimal("0.10"), false));
        SpendObserver observer = observer();
        for (int minute = 0; minute <= 20; minute += 5) {
            observe(observer, lab);
            observe(observer, free);
            clock.advance(Duration.ofMinutes(5));
        }
        assertEquals(List.of(WatchEvent.Type.SPEND_LIMIT_REACHED), types(), "reached at once: no separate warning");
        assertEquals("RUNNING", hub.stage("alice/lab"));
        observer.close();
        SpendReport report = report();
        assertEquals(new BigDecimal("0.20"), report.total());
        SpendReport.TargetSpend freeSpend = report.targets().stream().filter(t -> t.target().equals("free"))
                .findFirst().orElseThrow();
        assertEquals(Duration.ZERO, freeSpend.running());
    }
}
