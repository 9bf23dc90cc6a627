package app.tether.providers.cnb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.Target;
import app.tether.providers.ProviderPolls;
import app.tether.providers.Providers;
import app.tether.providers.StateCache;
import app.tether.testing.CountedRounds;
import app.tether.testing.EnglishMessages;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TunnelService;
import app.tether.watch.Guard;
import app.tether.watch.Guards;
import app.tether.watch.WatchEvent;
import app.tether.workflow.Lifecycle;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's list, the guard and its end-of-workspace watch in one process ask CNB's workspace list once per
 * interval between them (counted on the stand-in), and the watch still warns before the end and reports recycling.
 */
@ExtendWith(EnglishMessages.class)
class CnbSharedPollsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final String L40 = "cnb:arch:amd64:gpu:L40";

    @TempDir
    Path dir;

    @Test
    void theWindowTheGuardAndTheEndWatchShareOneListingPerInterval() throws Exception {
        try (CnbStandIn cnb = CnbStandIn.start().token("good", "alice", CnbStandIn.ALL_SCOPES)) {
            Instant now = Instant.now();
            CnbStandIn.Workspace model = cnb.add("team/model", "main", "running", now.minus(Duration.ofMinutes(225)));
            cnb.add("team/tool", "main", "running", now.minus(Duration.ofMinutes(10)));
            Environment environment = new Environment(dir.resolve("tether"), dir.resolve("home"))
                    .withVariable("CNB_API_ENDPOINT", cnb.uri().toString()).withVariable("CNB_TOKEN", "good");
            CnbProvider provider = new CnbProvider(() -> new CnbApi(cnb.uri(), "good"), CnbRunners.standard(),
                    Clock.systemUTC(), CnbJupyter.NONE, INTERVAL);
            Lifecycle lifecycle = new Lifecycle(new Providers().register(provider), StateCache.in(environment));
            List<Target> targets = List.of(
                    new CnbWorkspace("model", "team/model", "main", null, List.of(), "", null, L40),
                    new CnbWorkspace("tool", "team/tool", "main", null, List.of(), "", null, L40));
            PortMemory ports = new PortMemory(dir.resolve("ports.properties"));
            List<WatchEvent> events = new CopyOnWriteArrayList<>();
            HttpForwards forwards = new HttpForwards(ports);
            Guard guard = Guards.standard(new Guards.Parts(environment, lifecycle, () -> null,
                    new TunnelService(null, ports), forwards, () -> targets), Set.of(), events::add, name -> { });
            AtomicInteger guardRounds = CountedRounds.ofGuard(guard, "model");
            AtomicInteger windowRounds = new AtomicInteger();
            int before = listings(cnb);
            long start = System.nanoTime();
            ProviderPolls.Subscription window = CountedRounds.asTheWindow(lifecycle, targets, windowRounds);
            try {
                guard.start();
                await(() -> windowRounds.get() >= 4 && guardRounds.get() >= 4);
                double intervals = (System.nanoTime() - start) / (double) INTERVAL.toNanos();
                int asked = listings(cnb) - before;
                // The end watch's own loop (the old wiring) asked once more per workspace: three lists per interval.
                assertTrue(asked <= intervals + 1, asked + " workspace lists in " + intervals + " intervals");
                assertTrue(windowRounds.get() >= asked - 1 && guardRounds.get() >= asked - 1,
                        "all heard every round: window " + windowRounds + ", guard " + guardRounds + ", asked " + asked);
                List<WatchEvent> ending = events.stream().filter(e -> e.type() == WatchEvent.Type.ENDING_SOON).toList();
                assertEquals(1, ending.size(), "one notice however many rounds: " + events);
                assertEquals("model", ending.get(0).target());
                assertTrue(ending.get(0).message().startsWith("model will be recycled by CNB in 1"),
                        ending.get(0).message());

                cnb.recycle(model, 3, 0, 0, "");
                await(() -> events.stream().anyMatch(e -> e.type() == WatchEvent.Type.RECYCLED));
                WatchEvent recycled = events.stream().filter(e -> e.type() == WatchEvent.Type.RECYCLED)
                        .findFirst().orElseThrow();
                assertEquals("model", recycled.target());
                assertTrue(recycled.message().contains("3 commits"), recycled.message());
            } finally {
                guard.close();
                window.close();
                forwards.close();
            }
            int afterClose = listings(cnb);
            Thread.sleep(2 * INTERVAL.toMillis());
            assertEquals(afterClose, listings(cnb), "the poll stops with its last subscriber");
        }
    }

    private static int listings(CnbStandIn cnb) {
        return (int) cnb.requests().stream()
                .filter(r -> r.method().equals("GET") && r.rawPath().equals("/workspace/list")).count();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
