package app.tether.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.TetherException;
import app.tether.inventory.HfSpace;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.providers.hf.HfProvider;
import app.tether.testing.HfStandIn;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cloud refresher against the stand-in Hub: one listing per owner per round, and a 429 honoured. */
class ProviderRefresherTest {
    @TempDir
    Path dir;

    @Test
    void backoffDoublesUpToTheCapAndNeverUndercutsRetryAfter() {
        Duration minute = Duration.ofSeconds(60);
        assertEquals(minute, ProviderRefresher.nextDelay(minute, true, 0, null));
        assertEquals(Duration.ofSeconds(360), ProviderRefresher.nextDelay(minute, false, 0, null));
        assertEquals(Duration.ofSeconds(240), ProviderRefresher.nextDelay(minute, true, 2, null));
        assertEquals(ProviderRefresher.MAX_BACKOFF, ProviderRefresher.nextDelay(minute, true, 9, null));
        assertEquals(Duration.ofSeconds(900), ProviderRefresher.nextDelay(minute, true, 1, Duration.ofSeconds(900)));
    }

    @Test
    void oneRoundAsksOnceForAllSpacesOfAnOwnerAndA429WaitsItsRetryAfter() throws Exception {
        try (HfStandIn hub = HfStandIn.start()) {
            hub.addUser("alice", "hf_a", "write");
            URI nowhere = URI.create("http://127.0.0.1:9");
            hub.addSpace("alice/one", false, "t4-small", nowhere);
            hub.addSpace("alice/two", false, "cpu-basic", nowhere);
            hub.setStage("alice/two", "PAUSED", null);
            Environment environment = new Environment(dir, dir.resolve("home"))
                    .withVariable("HF_ENDPOINT", hub.endpoint().toString()).withVariable("HF_TOKEN", "hf_a");
            Providers providers = new Providers().register(new HfProvider(environment));
            List<Target> targets = List.of(new HfSpace("one", "alice/one", null, null, null, null),
                    new HfSpace("two", "alice/two", null, null, null, null));
            BlockingQueue<Object> events = new LinkedBlockingQueue<>();
            StateCache cache = new StateCache(dir.resolve("state.json"));
            try (ProviderRefresher refresher = new ProviderRefresher(providers, Set.of(TargetKind.HF_SPACE),
                    () -> targets, cache, new ProviderRefresher.Listener() {
                        @Override
                        public void observed(TargetKind kind, Map<String, LiveState> states) {
                            events.add(states);
                        }

                        @Override
                        public void failed(TargetKind kind, TetherException failure, Duration retryIn) {
                            events.add(retryIn);
                        }
                    })) {
                hub.rateLimitNext(120);
                refresher.start();
                Object first = events.poll(20, TimeUnit.SECONDS);
                assertEquals(Duration.ofSeconds(120), first, "the 429's Retry-After");
                int before = hub.requests().size();
                refresher.refreshNow(TargetKind.HF_SPACE); // a click resets the backoff, not the Retry-After floor
                Thread.sleep(1500);
                assertEquals(before, hub.requests().size(), "nothing asked before Retry-After passed");
            }
            try (ProviderRefresher refresher = new ProviderRefresher(providers, Set.of(TargetKind.HF_SPACE),
                    () -> targets, cache, new ProviderRefresher.Listener() {
                        @Override
                        public void observed(TargetKind kind, Map<String, LiveState> states) {
                            events.add(states);
                        }

                        @Override
                        public void failed(TargetKind kind, TetherException failure, Duration retryIn) {
                            events.add(failure);
                        }
                    })) {
                int before = hub.requests().size();
                refresher.start();
                Object round = events.poll(20, TimeUnit.SECONDS);
                assertTrue(round instanceof Map, String.valueOf(round));
                Map<?, ?> states = (Map<?, ?>) round;
                assertEquals(TargetState.RUNNING, ((LiveState) states.get("one")).state());
                assertEquals(TargetState.PAUSED, ((LiveState) states.get("two")).state());
                List<String> asked = hub.requests().subList(before, hub.requests().size()).stream()
                        .filter(r -> r.startsWith("GET /api/spaces") && !r.equals("GET /api/spaces/hardware")).toList();
                assertEquals(List.of("GET /api/spaces"), asked, "one listing for both Spaces of alice");
                assertEquals(TargetState.PAUSED, cache.get("two").orElseThrow().state());
            }
        }
    }
}
