package app.tether.providers.cnb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.CnbWorkspace;
import app.tether.testing.EnglishMessages;
import app.tether.watch.WatchEvent;
import app.tether.workflow.ActionGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
            CnbEndWatch watch = new CnbEndWatch(provider, clock, CnbEndWatch.StopsFromHere.NONE);

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

    @Test
    void aWorkspaceClosedByAStopFromHereIsNotReportedAsRecycled() throws Exception {
        try (CnbStandIn cnb = CnbStandIn.start().token("good", "alice", CnbStandIn.ALL_SCOPES)) {
            CnbProvider provider = new CnbProvider(() -> new CnbApi(cnb.uri(), "good"), CnbRunners.standard(),
                    Clock.systemUTC(), CnbJupyter.NONE);
            CnbWorkspace target = new CnbWorkspace("model", "team/model", "main", null, List.of(), "", null,
                    "cnb:arch:amd64:gpu:L40");
            ActionGuard guard = new ActionGuard();
            CnbEndWatch watch = new CnbEndWatch(provider, Clock.systemUTC(),
                    (name, since) -> guard.begunSince(name, Set.of("stop", "restart"), since));

            // A stop begun here while the workspace was seen running; CNB still lists it running one round later.
            CnbStandIn.Workspace first = cnb.add("team/model", "main", "running", Instant.now().minus(Duration.ofMinutes(5)));
            assertTrue(watch.observed(target, provider.observe(target)).isEmpty());
            assertTrue(guard.tryBegin("model", "stop"));
            assertTrue(watch.observed(target, provider.observe(target)).isEmpty());
            cnb.recycle(first, 0, 0, 0, "");
            guard.end("model");
            assertEquals(Optional.empty(), watch.observed(target, provider.observe(target)), "closed by the stop from here");

            // The next run closes without a stop from here (the old stop does not count for it): recycled.
            CnbStandIn.Workspace second = cnb.add("team/model", "main", "running", Instant.now());
            assertTrue(watch.observed(target, provider.observe(target)).isEmpty());
            cnb.recycle(second, 0, 0, 0, "");
            assertEquals(WatchEvent.Type.RECYCLED, watch.observed(target, provider.observe(target)).orElseThrow().type());
        }
    }
}
