package app.tether.providers.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.inventory.GceInstance;
import app.tether.inventory.PreemptionRestart;
import app.tether.inventory.SshServer;
import app.tether.inventory.TargetState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.ProviderPolls;
import app.tether.providers.Providers;
import app.tether.providers.StateCache;
import app.tether.providers.TargetAction;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.EnglishMessages;
import app.tether.testing.OpenSshServer;
import app.tether.testing.RecordingProgress;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TunnelService;
import app.tether.watch.PreemptionWatcher;
import app.tether.watch.TunnelReopen;
import app.tether.watch.WatchEvent;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preemption end to end: the stand-in preempts a Spot VM (its real sshd dies with it), the watcher marks it
 * preempted within the poll period, restarts it (through one stockout), and the tunnel's local port answers again.
 */
@ExtendWith(EnglishMessages.class)
class PreemptionInteropTest {
    private static final String P = GceTestbed.PROJECT;
    private static final String Z = GceTestbed.ZONE;
    private static final Duration POLL = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private GceTestbed bed;
    private ComputeStandIn compute;
    private GceProvider provider;
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private PreemptionWatcher<GceInstance> watcher;

    @BeforeEach
    void start() throws Exception {
        bed = GceTestbed.start(dir);
        compute = bed.compute();
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        bed.close();
    }

    private PreemptionWatcher<GceInstance> watcher(List<GceInstance> targets, PreemptionWatcher.AfterRestart<GceInstance> after) {
        ProviderPolls polls = new ProviderPolls(new Providers().register(provider),
                new StateCache(dir.resolve("state.json")));
        return new PreemptionWatcher<>(provider, polls, new app.tether.workflow.ActionGuard(), () -> targets, GceInstance::preemptionRestart,
                e -> e instanceof GceOperationFailure failure && failure.noCapacity(), after, events::add,
                new PreemptionWatcher.Backoff(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(60)),
                BackgroundExecutors.pool("test-watch-restart"));
    }

    private WatchEvent await(Predicate<WatchEvent> wanted, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            for (WatchEvent event : events) {
                if (wanted.test(event)) {
                    return event;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such event within " + within + ": " + events);
    }

    @Test
    void aPreemptedSpotVmIsRestartedAutomaticallyAndTheTunnelsLocalPortAnswersAgain() throws Exception {
        String user = OpenSshServer.user();
        HttpServer notebook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try (VmSshd vm = VmSshd.start(dir.resolve("sshd"), compute, user)) {
            notebook.createContext("/", exchange -> {
                byte[] body = "notebook".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            notebook.start();
            Environment environment = vm.tell(bed.environment().withVariable("USER", user)
                    .withVariable("TETHER_GCE_WATCH_POLL_MS", String.valueOf(POLL.toMillis())));
            provider = new GceProvider(environment);
            compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
            GceInstance target = new GceInstance("nb", P, Z, "nb-1", List.of(), "", null, null,
                    PreemptionRestart.AUTOMATIC);
            compute.onRunning(name -> {
                try {
                    vm.sshd().restart(); // the VM boots: its sshd listens again
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            try (SshSessions sessions = new SshSessions(environment, HostKeyPolicy.ACCEPT_NEW, SshPrompts.NONE,
                    Duration.ofSeconds(10), null); TunnelService tunnels = new TunnelService(sessions, environment)) {
                SshServer server = ((NotebookAccess.OverSsh) provider.access(target, new RecordingProgress())).server();
                StableTunnel tunnel = tunnels.open(server, "127.0.0.1", notebook.getAddress().getPort()).jupyter();
                assertTrue(tunnel.awaitConnected(Duration.ofSeconds(20)));
                int port = tunnel.localPort();
                assertEquals("notebook", get(port));

                watcher = watcher(List.of(target), new TunnelReopen<>(provider, sessions, tunnels, Duration.ofSeconds(30)));
                watcher.start();
                await(e -> e.type() == WatchEvent.Type.STATE_CHANGED && e.state() == TargetState.RUNNING,
                        Duration.ofSeconds(10));

                compute.failNextOperation("ZONE_RESOURCE_POOL_EXHAUSTED", "The zone 'projects/proj-1/zones/"
                        + "us-central1-a' does not have enough resources available to fulfill the request.");
                Instant preemptedAt = Instant.now();
                vm.sshd().killWithConnections();
                compute.preempt(P, Z, "nb-1");

                WatchEvent preempted = await(e -> e.type() == WatchEvent.Type.PREEMPTED, Duration.ofSeconds(60));
                Duration seen = Duration.between(preemptedAt, preempted.at());
                assertTrue(seen.compareTo(POLL.multipliedBy(2).plusSeconds(2)) < 0, "seen after " + seen);
                assertEquals("nb was preempted by the cloud (not stopped by you).", preempted.message());

                await(e -> e.type() == WatchEvent.Type.RESTARTED, Duration.ofSeconds(60));
                List<WatchEvent.Type> order = events.stream().map(WatchEvent::type)
                        .filter(t -> t != WatchEvent.Type.STATE_CHANGED).toList();
                assertEquals(List.of(WatchEvent.Type.PREEMPTED, WatchEvent.Type.RESTARTING,
                        WatchEvent.Type.WAITING_FOR_CAPACITY, WatchEvent.Type.RESTARTING, WatchEvent.Type.RESTARTED),
                        order);
                assertTrue(events.stream().anyMatch(e -> e.type() == WatchEvent.Type.WAITING_FOR_CAPACITY
                        && e.message().contains("ZONE_RESOURCE_POOL_EXHAUSTED")), events.toString());

                assertEquals(port, tunnels.tunnels("nb").orElseThrow().jupyter().localPort());
                assertEquals("notebook", get(port), "the same URL answers after the restart");
                assertEquals("RUNNING", compute.instance(P, Z, "nb-1").get("status").asText());
            }
        } finally {
            notebook.stop(0);
        }
    }

    @Test
    void offOnlyNotifiesAskAsksAndAUserStopIsNoPreemption() throws Exception {
        provider = new GceProvider(bed.environment().withVariable("TETHER_GCE_WATCH_POLL_MS", "200"));
        compute.addInstance(P, Z, "off", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        compute.addInstance(P, Z, "ask", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        compute.addInstance(P, Z, "mine", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        GceInstance off = new GceInstance("off", P, Z, "off", List.of(), "", null);
        GceInstance ask = new GceInstance("ask", P, Z, "ask", List.of(), "", null, null, PreemptionRestart.ASK);
        GceInstance mine = new GceInstance("mine", P, Z, "mine", List.of(), "", null, null, PreemptionRestart.AUTOMATIC);
        watcher = watcher(List.of(off, ask, mine), (target, progress) -> {
            throw new AssertionError("nothing is restarted here");
        });
        watcher.start();
        await(e -> e.target().equals("mine") && e.state() == TargetState.RUNNING, Duration.ofSeconds(10));

        compute.preempt(P, Z, "off");
        compute.preempt(P, Z, "ask");
        provider.perform(mine, TargetAction.STOP, new RecordingProgress());

        await(e -> e.type() == WatchEvent.Type.RESTART_ASKED && e.target().equals("ask"), Duration.ofSeconds(10));
        await(e -> e.type() == WatchEvent.Type.PREEMPTED && e.target().equals("off"), Duration.ofSeconds(10));
        await(e -> e.target().equals("mine") && e.state() == TargetState.STOPPED, Duration.ofSeconds(10));
        Thread.sleep(POLL.toMillis() * 3);
        assertTrue(events.stream().noneMatch(e -> e.target().equals("mine") && e.type() == WatchEvent.Type.PREEMPTED));
        assertTrue(events.stream().noneMatch(e -> e.type() == WatchEvent.Type.RESTARTING), events.toString());
        assertEquals("TERMINATED", compute.instance(P, Z, "off").get("status").asText());
        assertEquals("ask was preempted: start it again with 'tether start ask' (or from the window).",
                events.stream().filter(e -> e.type() == WatchEvent.Type.RESTART_ASKED).findFirst().orElseThrow()
                        .message());
    }

    private static String get(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
