package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.Target;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.providers.cnb.CnbStandIn;
import app.tether.testing.EnglishMessages;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TunnelService;
import app.tether.workflow.Lifecycle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tether never closes a CNB workspace on its own when that could discard work: against the stand-in CNB, a running
 * workspace without an SSH login (so its folder cannot be checked) stays running after "Pause now" and the user is
 * told why.
 */
@ExtendWith(EnglishMessages.class)
class CnbStopSafetyTest {
    @TempDir
    Path dir;
    private CnbStandIn cnb;
    private HttpForwards forwards;
    private Guard guard;

    @BeforeEach
    void start() throws Exception {
        cnb = CnbStandIn.start().token("good", "alice", CnbStandIn.ALL_SCOPES).repo("team/model");
        cnb.sshForNew(false);
    }

    @AfterEach
    void stop() {
        if (guard != null) {
            guard.close();
        }
        if (forwards != null) {
            forwards.close();
        }
        cnb.close();
    }

    @Test
    void anUncheckableWorkspaceIsNotClosedByTetherAndTheEventSaysWhy() throws Exception {
        CnbStandIn.Workspace running = cnb.add("team/model", "main", "running", Instant.now().minus(Duration.ofHours(1)));
        Environment environment = new Environment(dir.resolve("tether"), dir.resolve("home"))
                .withVariable("CNB_API_ENDPOINT", cnb.uri().toString()).withVariable("CNB_TOKEN", "good");
        CnbWorkspace workspace = new CnbWorkspace("model", "team/model", "main", null, List.of(), "", null);
        Lifecycle lifecycle = new Lifecycle(StandardProviders.create(environment, () -> {
            throw new AssertionError("no SSH here");
        }), StateCache.in(environment));
        PortMemory ports = new PortMemory(dir.resolve("ports.properties"));
        forwards = new HttpForwards(ports);
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        guard = Guards.standard(new Guards.Parts(environment, lifecycle, () -> null, new TunnelService(null, ports),
                forwards, () -> List.<Target>of(workspace)), Set.of(), events::add, name -> { });

        guard.idle().pauseNow(workspace);

        WatchEvent answer = awaitEvent(events);
        assertEquals(WatchEvent.Type.IDLE_PAUSE_CANCELLED, answer.type(), answer.toString());
        assertTrue(answer.message().contains("could not check for unpushed work")
                && answer.message().contains("no SSH login"), answer.message());
        assertEquals("running", running.status, "the stand-in still runs the workspace");
    }

    private static WatchEvent awaitEvent(List<WatchEvent> events) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (events.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(!events.isEmpty(), "no event within 30 s");
        return events.get(0);
    }
}
