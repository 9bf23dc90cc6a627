package app.tether.providers.cnb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.CnbWorkspace;
import app.tether.testing.EnglishMessages;
import app.tether.watch.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EnglishMessages.class)
class CnbEndWatchTest {
    @Test
    void aGpuWorkspaceNearItsFourHoursGetsANoticeAndItsRecyclingAnother() throws Exception {
        Instant now = Instant.now();
        try (CnbStandIn cnb = CnbStandIn.start().token("good", "alice", CnbStandIn.ALL_SCOPES)) {
            CnbStandIn.Workspace w = cnb.add("team/model", "main", "running", now.minus(Duration.ofMinutes(225)));
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            CnbProvider provider = new CnbProvider(() -> new CnbApi(cnb.uri(), "good"), CnbRunners.standard(), clock,
                    CnbJupyter.NONE);
            CnbWorkspace target = new CnbWorkspace("model", "team/model", "main", null, List.of(), "", null,
                    "cnb:arch:amd64:gpu:L40");
            CnbEndWatch watch = new CnbEndWatch(provider, clock);

            Optional<WatchEvent> first = watch.observed(target, provider.observe(target));
            assertEquals(WatchEvent.Type.ENDING_SOON, first.orElseThrow().type());
            assertTrue(first.get().message().startsWith("model will be recycled by CNB in 15 min"), first.get().message());
            assertTrue(watch.observed(target, provider.observe(target)).isEmpty(), "one notice per threshold");

            cnb.recycle(w, 3, 0, 0, "");
            WatchEvent closed = watch.observed(target, provider.observe(target)).orElseThrow();
            assertEquals(WatchEvent.Type.RECYCLED, closed.type());
            assertTrue(closed.message().contains("3 commits"), closed.message());
        }
    }
}
