package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Messages;
import app.tether.inventory.PortForward;
import app.tether.inventory.SshServer;
import app.tether.testing.SshTestbed;
import app.tether.watch.TunnelLinkEvents;
import app.tether.watch.WatchEvent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunnelServiceTest {
    @TempDir
    Path dir;

    private SshTestbed testbed;
    private TestLinks links;
    private EchoService jupyterStandIn;
    private EchoService tensorboardStandIn;

    @BeforeEach
    void start() throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        testbed = SshTestbed.start(dir);
        links = new TestLinks(testbed);
        jupyterStandIn = new EchoService();
        tensorboardStandIn = new EchoService();
    }

    @AfterEach
    void stop() throws Exception {
        jupyterStandIn.close();
        tensorboardStandIn.close();
        links.close();
        testbed.close();
        Messages.setLocale(Messages.defaultLocale());
    }

    @Test
    void opensJupyterAndExtraForwardsOnceReportsClashesAndClosingFreesEverything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            SshServer target = testbed.target("gpu").withForwards(List.of(
                    new PortForward("tensorboard", 0, "127.0.0.1", tensorboardStandIn.port()),
                    new PortForward("gradio", taken.getLocalPort(), "127.0.0.1", 7860)));
            TunnelService service = new TunnelService(links.sessions(), testbed.environment());
            TargetTunnels tunnels = service.open(target, "127.0.0.1", jupyterStandIn.port());
            assertSame(tunnels, service.open(target, "127.0.0.1", jupyterStandIn.port()), "opening twice reuses");
            assertEquals(1, tunnels.extras().size());
            assertEquals(1, tunnels.problems().size());
            assertTrue(tunnels.problems().values().iterator().next().startsWith("Local port " + taken.getLocalPort()));
            for (StableTunnel tunnel : tunnels.all()) {
                assertTrue(tunnel.awaitConnected(Duration.ofSeconds(30)));
                assertEquals("hi", StableTunnelTest.roundTrip(tunnel.localPort(), "hi"));
            }
            List<Integer> ports = tunnels.all().stream().map(StableTunnel::localPort).toList();
            service.close();
            ports.forEach(StableTunnelTest::assertNothingListens);
            assertTrue(service.tunnels("gpu").isEmpty());
        }
    }

    @Test
    void killingTheLinkPublishesTunnelLostThenTunnelBackOnceEach() throws Exception {
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        TunnelService service = new TunnelService(links.sessions(), testbed.environment());
        service.onLinkChange(new TunnelLinkEvents(events::add, Clock.systemUTC()));
        StableTunnel tunnel = service.open(testbed.target("gpu"), "127.0.0.1", jupyterStandIn.port()).jupyter();
        assertTrue(tunnel.awaitConnected(Duration.ofSeconds(30)));
        int port = tunnel.localPort();
        assertEquals("before", StableTunnelTest.roundTrip(port, "before"));
        assertEquals(List.of(), events, "connecting is not news");

        SshdConnections.killAll(testbed.server());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (events.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(3000); // sshd is still down: the reconnect attempts that fail meanwhile are the same loss
        testbed.server().restart();
        assertEquals("after", StableTunnelTest.roundTrip(port, "after"));
        assertEquals(port, tunnel.localPort());
        service.close();
        assertEquals(List.of(WatchEvent.Type.TUNNEL_LOST, WatchEvent.Type.TUNNEL_BACK),
                events.stream().map(WatchEvent::type).toList(), events.toString());
        assertEquals("gpu", events.get(0).target());
        assertEquals("gpu: the tunnel on local port " + port + " lost its SSH link; reconnecting…",
                events.get(0).message());
        assertEquals("gpu: the tunnel serves again on local port " + port + ".", events.get(1).message());
    }

    @Test
    void closingTheSessionsEndsTheirIoThreads() throws Exception {
        Set<Thread> existing = ioThreads();
        TestLinks own = new TestLinks(testbed);
        try (StableTunnel tunnel = StableTunnel.open(own.source("gpu"),
                new TunnelSpec("gpu", 0, "127.0.0.1", jupyterStandIn.port()), PortMemory.in(testbed.environment()))) {
            assertTrue(tunnel.awaitConnected(Duration.ofSeconds(30)));
            assertEquals("x", StableTunnelTest.roundTrip(tunnel.localPort(), "x"));
        }
        Set<Thread> ours = ioThreads();
        ours.removeAll(existing);
        assertFalse(ours.isEmpty());
        own.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ours.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(ours.stream().noneMatch(Thread::isAlive), "I/O threads of the closed sessions still run");
    }

    private static Set<Thread> ioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("tether-ssh-io"))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
