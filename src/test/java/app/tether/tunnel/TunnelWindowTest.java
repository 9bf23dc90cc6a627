package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Messages;
import app.tether.inventory.SshServer;
import app.tether.testing.DelayedLink;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receive window a tunnel channel asks for, as {@code sshd} logs it when the channel opens ({@code LogLevel
 * DEBUG}: "server_input_channel_open: ctype direct-tcpip rchan N win W max M"): sized to the path's round trip.
 */
class TunnelWindowTest {
    private static final Pattern OPENED = Pattern.compile("ctype direct-tcpip rchan \\d+ win (\\d+) max \\d+");
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private SshTestbed testbed;
    private TestLinks links;
    private EchoService echo;
    private PortMemory memory;

    @BeforeEach
    void start() throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        testbed = SshTestbed.start(dir, "LogLevel DEBUG");
        links = new TestLinks(testbed);
        echo = new EchoService();
        memory = PortMemory.in(testbed.environment());
    }

    @AfterEach
    void stop() throws Exception {
        echo.close();
        links.close();
        testbed.close();
        Messages.setLocale(Messages.defaultLocale());
    }

    @Test
    void theWindowFollowsTheRoundTrip() {
        assertEquals(8 * MIB, SessionTuning.windowFor(-1), "not known yet: the largest");
        assertEquals(2 * MIB, SessionTuning.windowFor(0));
        assertEquals(2 * MIB, SessionTuning.windowFor(100_000), "loopback, 0.1 ms");
        assertEquals(2 * MIB, SessionTuning.windowFor(7_000_000), "7 ms still fits 2 MiB at 256 MiB/s");
        assertEquals(4 * MIB, SessionTuning.windowFor(15_625_000), "15.6 ms needs 4 MiB");
        assertEquals(8 * MIB, SessionTuning.windowFor(31_250_000));
        assertEquals(8 * MIB, SessionTuning.windowFor(300_000_000), "a satellite link: the largest, no more");
        assertEquals(8 * MIB, SessionTuning.windowFor(Long.MAX_VALUE), "no overflow");
    }

    /**
     * Near (loopback): the first channel, before any round trip is known, asks for 8 MiB; the window never grows
     * (the shortest opening so far only gets shorter) and comes down to 2 MiB (a cold JVM's first openings take
     * tens of milliseconds of class loading, so the second may still ask for more).
     */
    @Test
    void aNearServerGetsOpenSshsWindowOnceTheRoundTripIsKnown() throws Exception {
        try (StableTunnel tunnel = open(links.source("gpu"))) {
            for (int i = 0; i < 6; i++) {
                echoThrough(tunnel, i);
            }
        }
        List<Long> windows = windowsOpened(6);
        assertEquals(8 * MIB, windows.get(0), "the first channel: " + windows);
        for (int i = 1; i < windows.size(); i++) {
            assertTrue(windows.get(i) <= windows.get(i - 1), "never grows: " + windows);
        }
        assertEquals(2 * MIB, windows.get(windows.size() - 1), "the last: " + windows);
    }

    /** Far (a relay that delays each way by 10 ms): later channels ask for enough to cover the round trip. */
    @Test
    void aFarServerGetsAWindowThatCoversTheRoundTrip() throws Exception {
        try (DelayedLink far = DelayedLink.to(testbed.server().port(), 10)) {
            Path knownHosts = testbed.home().resolve(".ssh/known_hosts");
            List<String> lines = new ArrayList<>();
            for (String line : testbed.server().knownHostsLines()) {
                lines.add(line.replace("]:" + testbed.server().port() + " ", "]:" + far.port() + " "));
            }
            Files.write(knownHosts, lines, StandardOpenOption.APPEND);
            SshServer target = SshServer.ofHost("far", "127.0.0.1", OpenSshServer.user(), far.port(),
                    testbed.key().toString(), null);
            try (StableTunnel tunnel = open(new PooledSessionSource(links.sessions(), target))) {
                for (int i = 0; i < 8; i++) {
                    echoThrough(tunnel, i);
                }
            }
        }
        List<Long> windows = windowsOpened(8);
        long last = windows.get(windows.size() - 1);
        // at least a 20 ms round trip at 256 MiB/s; below the largest (31 ms) unless every opening was held up
        assertTrue(last >= 5 * MIB && last < 8 * MIB, "windows: " + windows);
    }

    private StableTunnel open(SessionSource source) throws InterruptedException {
        StableTunnel tunnel = StableTunnel.open(source, new TunnelSpec("gpu", 0, "127.0.0.1", echo.port()), memory);
        assertTrue(tunnel.awaitConnected(Duration.ofSeconds(30)), "tunnel did not connect: " + tunnel.status());
        return tunnel;
    }

    /** One connection at a time, each echoing a few bytes, so each channel opens after the one before. */
    private static void echoThrough(StableTunnel tunnel, int i) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
            socket.setSoTimeout(30_000);
            byte[] sent = ("hello " + i).getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(sent);
            byte[] got = new byte[sent.length];
            InputStream in = socket.getInputStream();
            for (int n = 0; n < got.length; ) {
                int read = in.read(got, n, got.length - n);
                assertTrue(read > 0, "echo ended early");
                n += read;
            }
            assertArrayEquals(sent, got);
        }
    }

    /** The windows of the direct-tcpip channels sshd logged, in order; waits for {@code count} of them. */
    private List<Long> windowsOpened(int count) throws Exception {
        Path log = testbed.server().dir().resolve("sshd.log");
        List<Long> windows = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            windows.clear();
            Matcher m = OPENED.matcher(Files.readString(log));
            while (m.find()) {
                windows.add(Long.parseLong(m.group(1)));
            }
            if (windows.size() >= count || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(count, windows.size(), "direct-tcpip channels in sshd's log");
        return windows;
    }
}
