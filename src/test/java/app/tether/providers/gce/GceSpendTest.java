package app.tether.providers.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.tether.core.BackgroundExecutors;
import app.tether.inventory.GceInstance;
import app.tether.providers.LiveState;
import app.tether.providers.Providers;
import app.tether.providers.StateCache;
import app.tether.watch.spend.LedgerRecord;
import app.tether.watch.spend.SpendLedger;
import app.tether.watch.spend.SpendLimits;
import app.tether.watch.spend.SpendObserver;
import app.tether.workflow.Lifecycle;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spend ledger takes a VM's run from Google's own lastStartTimestamp, not from when Tether first saw it. */
class GceSpendTest {
    @TempDir
    Path dir;
    private GceTestbed bed;

    @BeforeEach
    void start() throws Exception {
        bed = GceTestbed.start(dir);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aRunningVmFirstSeenNowIsCountedFromItsLastStartTimestamp() throws Exception {
        Instant started = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MILLIS);
        bed.compute().addInstance(GceTestbed.PROJECT, GceTestbed.ZONE, "nb-1", "g2-standard-8", "nvidia-l4", 1, true,
                "RUNNING").put("lastStartTimestamp", OffsetDateTime.ofInstant(started, ZoneOffset.ofHours(-8))
                        .toString());
        GceInstance vm = new GceInstance("nb-1", GceTestbed.PROJECT, GceTestbed.ZONE, "nb-1", List.of(), "", null);
        Lifecycle lifecycle = new Lifecycle(new Providers().register(new GceProvider(bed.environment())),
                StateCache.in(bed.environment()));
        SpendLedger ledger = SpendLedger.in(bed.environment());
        try (SpendObserver observer = new SpendObserver(ledger, SpendLimits.in(bed.environment()),
                Clock.systemUTC(), event -> { }, lifecycle, BackgroundExecutors.direct(),
                SpendObserver.MIN_GAP_BOUND)) {
            LiveState state = lifecycle.observe(vm);
            assertNotNull(state.pricePerHour(), "the price table knows g2-standard-8 + L4 Spot");
            observer.observed(vm, state);
            List<LedgerRecord> records = ledger.read(started.minusSeconds(60), Instant.now());
            assertEquals(1, records.size(), records.toString());
            assertEquals(started, records.get(0).from());
            assertEquals(state.observedAt(), records.get(0).to());
            assertEquals(0, state.pricePerHour().compareTo(records.get(0).usdPerHour()));
        }
    }
}
