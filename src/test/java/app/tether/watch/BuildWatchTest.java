package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Progress;
import app.tether.inventory.HfSpace;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.LiveState;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.providers.TargetAction;
import app.tether.testing.EnglishMessages;
import app.tether.testing.HfStandIn;
import app.tether.testing.ManualClock;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TunnelService;
import app.tether.workflow.Lifecycle;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The guard's build events for Spaces: from observed stage transitions only, against the stand-in Hub. */
@ExtendWith(EnglishMessages.class)
class BuildWatchTest {
    private static final String HF_TOKEN = "hf_alice_build_token";
    private static final String SPACE_ID = "alice/lab";

    @TempDir
    Path dir;
    private HfStandIn hub;
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private HttpForwards forwards;
    private Guard guard;
    private Lifecycle lifecycle;
    private Environment environment;
    private final HfSpace space = new HfSpace("lab", SPACE_ID, null, null, null, null);

    @BeforeEach
    void start() throws Exception {
        hub = HfStandIn.start();
        hub.addUser("alice", HF_TOKEN, "write");
        hub.addSpace(SPACE_ID, true, "t4-small", URI.create("http://127.0.0.1:9"));
        environment = new Environment(dir.resolve("tether"), dir.resolve("home"))
                .withVariable("HF_ENDPOINT", hub.endpoint().toString()).withVariable("HF_TOKEN", HF_TOKEN);
        var providers = StandardProviders.create(environment, () -> {
            throw new AssertionError("no SSH here");
        });
        lifecycle = new Lifecycle(providers, StateCache.in(environment));
        PortMemory ports = new PortMemory(dir.resolve("ports.properties"));
        forwards = new HttpForwards(ports);
        guard = new Guard(lifecycle, () -> List.<Target>of(space), Set.of(), IdleSettingsStore.in(environment),
                new StandardIdleSignals(providers, () -> null, new TunnelService(null, ports), forwards,
                        new JupyterSecrets(environment)),
                events::add, new ManualClock(Instant.parse("2026-12-05T10:00:00Z")),
                BackgroundExecutors.scheduler("test-guard", 1), BackgroundExecutors.direct(), name -> { });
    }

    @AfterEach
    void stop() {
        guard.close();
        forwards.close();
        hub.close();
    }

    private static LiveState stage(String stage, String message) {
        return new LiveState(stage.equals("RUNNING") ? TargetState.RUNNING
                : stage.endsWith("_ERROR") ? TargetState.ERROR : TargetState.STARTING, stage, "t4-small", null,
                message, Instant.EPOCH);
    }

    private List<WatchEvent> builds() {
        return events.stream().filter(e -> e.type() == WatchEvent.Type.BUILD_FINISHED
                || e.type() == WatchEvent.Type.BUILD_FAILED).toList();
    }

    private void see(Target target, String... stages) {
        for (String s : stages) {
            guard.dispatch(target, stage(s, s.endsWith("_ERROR") ? "ModuleNotFoundError: No module named 'torch'" : null));
        }
    }

    @Test
    void buildingThenRunningIsOneFinishedBuild() {
        see(space, "RUNNING", "BUILDING", "BUILDING", "APP_STARTING", "RUNNING", "RUNNING");
        assertEquals(1, builds().size(), builds().toString());
        WatchEvent finished = builds().get(0);
        assertEquals(WatchEvent.Type.BUILD_FINISHED, finished.type());
        assertEquals("lab", finished.target());
        assertEquals(TargetState.RUNNING, finished.state());
        assertEquals("The build of lab finished; the app runs.", finished.message());
    }

    @Test
    void errorAfterBuildingOrStartingIsAFailedBuildWithTheHubsMessage() {
        see(space, "PAUSED", "BUILDING", "BUILD_ERROR", "BUILD_ERROR", "APP_STARTING", "RUNTIME_ERROR");
        assertEquals(List.of(WatchEvent.Type.BUILD_FAILED, WatchEvent.Type.BUILD_FAILED),
                builds().stream().map(WatchEvent::type).toList());
        assertEquals("The build of lab failed (BUILD_ERROR): ModuleNotFoundError: No module named 'torch'",
                builds().get(0).message());
        assertTrue(builds().get(1).message().contains("RUNTIME_ERROR"), builds().get(1).message());
    }

    @Test
    void firstObservationsAndRunsWithoutABuildAreNoBuildNews() {
        see(space, "RUNTIME_ERROR", "RUNTIME_ERROR");
        see(space, "PAUSED", "APP_STARTING", "RUNNING", "RUNNING_BUILDING");
        HfSpace other = new HfSpace("other", "alice/other", null, null, null, null);
        see(other, "BUILDING");
        see(other, "PAUSED", "RUNNING"); // the build was called off by a pause: no finished build
        guard.dispatch(SshServer.ofAlias("box", "box"), LiveState.of(TargetState.RUNNING));
        assertEquals(List.of(), builds());
    }

    /**
     * The guard as `tether watch` runs it, polling the Hub itself (every 60 s while nothing changes), and a restart
     * sent by another Tether process (`tether restart lab`, which records the Hub's answer in the shared state cache):
     * the 10 s build is seen, polled every 5 s while it lasts, and reported once, long before a 60 s poll would have
     * looked (and then seen only RUNNING again).
     */
    @Test
    void aTenSecondBuildStartedElsewhereIsReportedOnceByTheGuardsOwnPolling() throws Exception {
        hub.setTimings(10_000, 2_000);
        guard.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (events.stream().noneMatch(e -> e.type() == WatchEvent.Type.STATE_CHANGED) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(TargetState.RUNNING, events.get(0).state(), "the guard's first round: " + events);
        Lifecycle otherProcess = new Lifecycle(StandardProviders.create(environment, () -> {
            throw new AssertionError("no SSH here");
        }), StateCache.in(environment));
        long restarted = System.nanoTime();
        otherProcess.perform(space, TargetAction.RESTART, false, Progress.NONE);
        while (builds().isEmpty() && System.nanoTime() - restarted < java.util.concurrent.TimeUnit.SECONDS.toNanos(40)) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - restarted) / 1e9;
        assertEquals(List.of(WatchEvent.Type.BUILD_FINISHED), builds().stream().map(WatchEvent::type).toList(),
                "after " + seconds + " s: " + events);
        assertTrue(seconds >= 12 && seconds < 25, "reported when the build ended (12 s), not at a 60 s poll: " + seconds);
        Thread.sleep(6_000); // a round or two more at the faster pace, then back to the minute
        assertEquals(1, builds().size(), "once: " + builds());
    }

    @Test
    void aRestartOnTheStandInHubGivesOneFinishedBuildThenAFailedOne() throws Exception {
        hub.setTimings(150, 150);
        guard.dispatch(space, lifecycle.observe(space));
        lifecycle.perform(space, TargetAction.RESTART, false, Progress.NONE);
        for (int i = 0; i < 100 && builds().isEmpty(); i++) {
            guard.dispatch(space, lifecycle.observe(space));
            Thread.sleep(30);
        }
        assertEquals(List.of(WatchEvent.Type.BUILD_FINISHED), builds().stream().map(WatchEvent::type).toList());
        lifecycle.perform(space, TargetAction.RESTART, false, Progress.NONE);
        guard.dispatch(space, lifecycle.observe(space));
        hub.setStage(SPACE_ID, "BUILD_ERROR", "Build failed with exit code: 1");
        guard.dispatch(space, lifecycle.observe(space));
        assertEquals(2, builds().size(), builds().toString());
        assertEquals("The build of lab failed (BUILD_ERROR): Build failed with exit code: 1", builds().get(1).message());
    }
}
