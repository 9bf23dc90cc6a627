package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.Progress;
import app.tether.inventory.HfSpace;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.Provider;
import app.tether.providers.ProviderPolls;
import app.tether.providers.Providers;
import app.tether.providers.StateCache;
import app.tether.providers.TargetAction;
import app.tether.providers.hf.HfProvider;
import app.tether.testing.CountedRounds;
import app.tether.testing.HfStandIn;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TunnelService;
import app.tether.workflow.Lifecycle;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's list and the guard in one process ask a cloud API once per interval between them, not once each:
 * counted on the stand-in Hub. The window's side subscribes as CloudStatus does (without a window on screen).
 */
class SharedPollsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void theGuardAndTheWindowShareOneListingPerInterval() throws Exception {
        try (HfStandIn hub = HfStandIn.start()) {
            hub.addUser("alice", "hf_a", "write");
            hub.addSpace("alice/one", false, "t4-small", URI.create("http://127.0.0.1:9"));
            hub.addSpace("alice/two", false, "cpu-basic", URI.create("http://127.0.0.1:9"));
            Environment environment = new Environment(dir.resolve("tether"), dir.resolve("home"))
                    .withVariable("HF_ENDPOINT", hub.endpoint().toString()).withVariable("HF_TOKEN", "hf_a");
            Lifecycle lifecycle = new Lifecycle(new Providers().register(new Every(new HfProvider(environment))),
                    StateCache.in(environment));
            List<Target> targets = List.of(new HfSpace("one", "alice/one", null, null, null, null),
                    new HfSpace("two", "alice/two", null, null, null, null));
            PortMemory ports = new PortMemory(dir.resolve("ports.properties"));
                        Guard guard = Guards.standard(new Guards.Parts(environment, lifecycle, () -> null,
                    new TunnelService(null, ports), new HttpForwards(ports), () -> targets), Set.of(), event -> { },
                    name -> { });
            AtomicInteger guardRounds = CountedRounds.ofGuard(guard, "one");
            AtomicInteger windowRounds = new AtomicInteger();
            int before = listings(hub);
            long start = System.nanoTime();
            // The window first (as the app starts it), hidden: the guard alone keeps the poll at its full rate.
            ProviderPolls.Subscription window = CountedRounds.asTheWindow(lifecycle, targets, windowRounds);
            try {
                guard.start();
                await(() -> windowRounds.get() >= 4 && guardRounds.get() >= 4);
                double intervals = (System.nanoTime() - start) / (double) INTERVAL.toNanos();
                int asked = listings(hub) - before;
                // Two pollers (the old wiring) would have asked about twice per interval; a hidden window alone
                // once per six.
                assertTrue(asked <= intervals + 1, asked + " listings in " + intervals + " intervals");
                assertTrue(windowRounds.get() >= asked - 1 && guardRounds.get() >= asked - 1,
                        "both heard every round: window " + windowRounds + ", guard " + guardRounds + ", asked " + asked);
            } finally {
                guard.close();
                window.close();
            }
            int afterClose = listings(hub);
            Thread.sleep(2 * INTERVAL.toMillis());
            assertEquals(afterClose, listings(hub), "the poll stops with its last subscriber");
        }
    }

    private static int listings(HfStandIn hub) {
        return (int) hub.requests().stream().filter(r -> r.equals("GET /api/spaces")).count();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }

    /** The Hub's provider asked every {@link #INTERVAL} instead of every 30 s, so the test takes seconds. */
    private record Every(HfProvider hf) implements Provider<HfSpace> {
        @Override
        public TargetKind kind() {
            return hf.kind();
        }

        @Override
        public Class<HfSpace> targetType() {
            return hf.targetType();
        }

        @Override
        public Map<String, LiveState> observe(List<HfSpace> targets) throws InterruptedException {
            return hf.observe(targets);
        }

        @Override
        public Duration pollInterval() {
            return INTERVAL;
        }

        @Override
        public Set<TargetAction> supported(HfSpace target) {
            return hf.supported(target);
        }

        @Override
        public boolean paid(HfSpace target, LiveState state) {
            return hf.paid(target, state);
        }

        @Override
        public LiveState perform(HfSpace target, TargetAction action, Progress progress) throws InterruptedException {
            return hf.perform(target, action, progress);
        }

        @Override
        public NotebookAccess access(HfSpace target, Progress progress) throws InterruptedException {
            return hf.access(target, progress);
        }
    }
}
