package app.tether.providers.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.inventory.GceInstance;
import app.tether.inventory.PreemptionRestart;
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
import java.time.Duration;
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
 * The window's list, the guard and its GCE preemption watcher in one process ask Compute once per interval between
 * them (counted on the stand-in), and the watcher still sees a preemption in those shared rounds.
 */
@ExtendWith(EnglishMessages.class)
class GceSharedPollsTest {
    private static final String P = GceTestbed.PROJECT;
    private static final String Z = GceTestbed.ZONE;
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void theWindowTheGuardAndThePreemptionWatcherShareOneListingPerInterval() throws Exception {
        try (GceTestbed bed = GceTestbed.start(dir)) {
            ComputeStandIn compute = bed.compute();
            compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
            compute.addInstance(P, Z, "nb-2", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
            Environment environment = bed.environment()
                    .withVariable("TETHER_GCE_WATCH_POLL_MS", String.valueOf(INTERVAL.toMillis()));
            Lifecycle lifecycle = new Lifecycle(new Providers().register(new GceProvider(environment)),
                    StateCache.in(environment));
            List<Target> targets = List.of(
                    new GceInstance("one", P, Z, "nb-1", List.of(), "", null, null, PreemptionRestart.ASK),
                    new GceInstance("two", P, Z, "nb-2", List.of(), "", null, null, PreemptionRestart.ASK));
            PortMemory ports = new PortMemory(dir.resolve("ports.properties"));
            List<WatchEvent> events = new CopyOnWriteArrayList<>();
            HttpForwards forwards = new HttpForwards(ports);
            Guard guard = Guards.standard(new Guards.Parts(environment, lifecycle, () -> null,
                    new TunnelService(null, ports), forwards, () -> targets), Set.of(), events::add, name -> { });
            // GCE's observations reach the guard through the watcher
            AtomicInteger guardRounds = CountedRounds.ofGuard(guard, "one");
            AtomicInteger windowRounds = new AtomicInteger();
            int before = compute(compute);
            long start = System.nanoTime();
            // The window first (as the app starts it), hidden: the guard and the watcher keep the full rate.
            ProviderPolls.Subscription window = CountedRounds.asTheWindow(lifecycle, targets, windowRounds);
            try {
                guard.start();
                await(() -> windowRounds.get() >= 4 && guardRounds.get() >= 4);
                double intervals = (System.nanoTime() - start) / (double) INTERVAL.toNanos();
                int asked = compute(compute) - before;
                // The watcher's own loop (the old wiring) asked as often again: about two requests per interval.
                assertTrue(asked <= intervals + 1, asked + " state reads of Compute in " + intervals + " intervals: "
                        + compute.requests().stream().map(r -> r.method() + " " + r.path()).toList());
                assertTrue(windowRounds.get() >= asked - 1 && guardRounds.get() >= asked - 1,
                        "all heard every round: window " + windowRounds + ", guard " + guardRounds + ", asked " + asked);

                compute.preempt(P, Z, "nb-1");
                await(() -> events.stream().anyMatch(e -> e.target().equals("one")
                        && e.type() == WatchEvent.Type.RESTART_ASKED));
                assertEquals("one was preempted by the cloud (not stopped by you).", events.stream()
                        .filter(e -> e.type() == WatchEvent.Type.PREEMPTED).findFirst().orElseThrow().message());
                assertTrue(events.stream().noneMatch(e -> e.target().equals("two")
                        && e.type() == WatchEvent.Type.PREEMPTED), events.toString());
            } finally {
                guard.close();
                window.close();
                forwards.close();
            }
            int afterClose = compute(compute);
            Thread.sleep(2 * INTERVAL.toMillis());
            assertEquals(afterClose, compute(compute), "the poll stops with its last subscriber");
        }
    }

    /**
     * The reads of a state round: the aggregated list per project (and a stopped Spot VM's zone operations). The
     * idle rule reaching a paid VM over SSH (its get and ssh-keys metadata, once per ten minutes) is no poll.
     */
    private static int compute(ComputeStandIn compute) {
        return (int) compute.requests().stream().filter(r -> r.method().equals("GET")
                && (r.path().endsWith("/aggregated/instances") || r.path().endsWith("/operations"))).count();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
