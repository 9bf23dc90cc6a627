package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.inventory.HfSpace;
import app.tether.inventory.Target;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.testing.BusyKernel;
import app.tether.testing.EnglishMessages;
import app.tether.testing.HfStandIn;
import app.tether.testing.Interop;
import app.tether.testing.ManualClock;
import app.tether.tunnel.HttpForwarder;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TunnelService;
import app.tether.workflow.Lifecycle;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle auto-pause end to end with a controllable clock: the stand-in Hub with a private Space on a paid flavor
 * (t4-small) whose app is a real jupyter-server, the real provider, Lifecycle and idle signals (kernels read over the
 * Space's address with its bearer, connections counted on Tether's HTTPS forwarder); only time is simulated.
 */
@ExtendWith(EnglishMessages.class)
class IdleAutoPauseInteropTest {
    private static final String JUPYTER_TOKEN = "jt-" + UUID.randomUUID();
    private static final String HF_TOKEN = "hf_alice_idle_token";
    private static final String SPACE_ID = "alice/lab";

    @TempDir
    static Path shared;
    static Process jupyter;
    static int jupyterPort;

    @TempDir
    Path dir;
    private HfStandIn hub;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private HttpForwards forwards;
    private Guard guard;
    private Lifecycle lifecycle;
    private HfSpace space;

    @BeforeAll
    static void startJupyter() throws Exception {
        Interop.requireProgram("/usr/bin/jupyter-server");
        jupyterPort = HfStandIn.freePort();
        jupyter = HfStandIn.startJupyter(shared, jupyterPort, JUPYTER_TOKEN);
    }

    @AfterAll
    static void stopJupyter() throws Exception {
        if (jupyter != null) {
            jupyter.destroy();
            jupyter.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void start() throws Exception {
        hub = HfStandIn.start();
        hub.addUser("alice", HF_TOKEN, "write");
        hub.addSpace(SPACE_ID, true, "t4-small", URI.create("http://127.0.0.1:" + jupyterPort));
        Environment environment = new Environment(dir.resolve("tether"), dir.resolve("home"))
                .withVariable("HF_ENDPOINT", hub.endpoint().toString()).withVariable("HF_TOKEN", HF_TOKEN);
        new JupyterSecrets(environment).saveToken("lab", JUPYTER_TOKEN);
        space = new HfSpace("lab", SPACE_ID, null, null, null, null);
        var providers = StandardProviders.create(environment, () -> {
            throw new AssertionError("no SSH here");
        });
        lifecycle = new Lifecycle(providers, StateCache.in(environment));
        PortMemory ports = new PortMemory(dir.resolve("ports.properties"));
        forwards = new HttpForwards(ports);
        guard = new Guard(lifecycle, () -> List.<Target>of(space), Set.of(), IdleSettingsStore.in(environment),
                new StandardIdleSignals(providers, () -> null, new TunnelService(null, ports), forwards,
                        new JupyterSecrets(environment)),
                events::add, clock, BackgroundExecutors.scheduler("test-guard", 1), BackgroundExecutors.direct(),
                name -> { });
    }

    @AfterEach
    void stop() {
        guard.close();
        forwards.close();
        hub.close();
    }

    /** What the guard's refresher does every 30 s of simulated time, for {@code minutes}. */
    private void watchFor(int minutes) throws InterruptedException {
        for (int i = 0; i < minutes * 2; i++) {
            clock.advance(Duration.ofSeconds(30));
            guard.dispatch(space, lifecycle.observe(space));
            guard.idle().tick();
        }
    }

    private List<WatchEvent.Type> types() {
        return events.stream().map(WatchEvent::type).toList();
    }

    private IdleSignal signal(IdleSignal.Source source) {
        return guard.idle().status("lab").orElseThrow().signals().stream().filter(s -> s.source() == source)
                .findFirst().orElseThrow();
    }

    @Test
    void anIdleSpaceOnAPaidFlavorIsPausedByTetherAfterTheCountdown() throws Exception {
        watchFor(30);
        assertEquals(List.of(), types(), "idle from the first reading, 30 s in: 29.5 minutes so far");
        watchFor(1);
        assertEquals(List.of(WatchEvent.Type.IDLE_PAUSE_PENDING), types());
        assertEquals(IdleSignal.Reading.CANNOT_REPORT, signal(IdleSignal.Source.GPU).reading());
        assertEquals("this kind reports no GPU utilisation", signal(IdleSignal.Source.GPU).detail());
        assertEquals(IdleSignal.Reading.IDLE, signal(IdleSignal.Source.KERNELS).reading(),
                signal(IdleSignal.Source.KERNELS).detail());
        assertEquals(IdleSignal.Reading.IDLE, signal(IdleSignal.Source.CONNECTIONS).reading());
        assertEquals("RUNNING", hub.stage(SPACE_ID));

        watchFor(5);
        assertEquals(WatchEvent.Type.PAUSED_BY_TETHER, events.get(events.size() - 1).type(), events.toString());
        assertEquals("PAUSED", hub.stage(SPACE_ID), "the stand-in Hub reports the Space paused");
        assertTrue(hub.requests().contains("POST /api/spaces/" + SPACE_ID + "/pause"), hub.requests().toString());
        assertEquals(List.of(WatchEvent.Type.IDLE_PAUSE_PENDING, WatchEvent.Type.IDLE_PAUSE_PENDING,
                WatchEvent.Type.IDLE_PAUSE_PENDING, WatchEvent.Type.IDLE_PAUSE_PENDING,
                WatchEvent.Type.IDLE_PAUSE_PENDING, WatchEvent.Type.PAUSED_BY_TETHER), types());
        int before = events.size();
        watchFor(40);
        assertEquals(before, events.size(), "a paused Space is not watched for idleness");
    }

    @Test
    void aBusyKernelKeepsTheSpaceRunningAndCallsTheCountdownOff() throws Exception {
        watchFor(31);
        assertEquals(WatchEvent.Type.IDLE_PAUSE_PENDING, events.get(0).type());
        String base = "http://127.0.0.1:" + jupyterPort + "/";
        try (BusyKernel kernel = BusyKernel.start(base, JUPYTER_TOKEN, 600)) {
            watchFor(1);
            WatchEvent cancelled = events.get(events.size() - 1);
            assertEquals(WatchEvent.Type.IDLE_PAUSE_CANCELLED, cancelled.type(), events.toString());
            assertEquals("lab is busy again (1 of 1 kernels busy): the idle pause is called off.", cancelled.message());
            int before = events.size();
            watchFor(45);
            assertEquals(before, events.size(), "busy for 45 minutes: no countdown");
            assertEquals("RUNNING", hub.stage(SPACE_ID));
            kernel.interrupt();
            kernel.awaitState("idle");
            watchFor(31);
            assertEquals(WatchEvent.Type.IDLE_PAUSE_PENDING, events.get(before).type(), "idle again: a new window");
        }
        assertFalse(hub.requests().contains("POST /api/spaces/" + SPACE_ID + "/pause"));
    }

    @Test
    void aConnectionHeldOpenThroughTethersForwarderBlocksIdleness() throws Exception {
        HttpForwarder forwarder = forwards.open("lab", hub.space(SPACE_ID).host(), Map.of("Authorization",
                "Bearer " + HF_TOKEN));
        try (Socket browser = new Socket(InetAddress.getLoopbackAddress(), forwarder.localPort())) {
            OutputStream out = browser.getOutputStream();
            out.write("GET /api/kernels HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // still sending
            out.flush();
            watchFor(40);
            assertEquals(List.of(), events);
            assertEquals(IdleSignal.Reading.BUSY, signal(IdleSignal.Source.CONNECTIONS).reading());
            assertEquals("1 connections open", signal(IdleSignal.Source.CONNECTIONS).detail());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (forwarder.activeConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        watchFor(31);
        assertEquals(List.of(WatchEvent.Type.IDLE_PAUSE_PENDING), types(), "closed: idle from then on");
    }
}
