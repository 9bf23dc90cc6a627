package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.testing.SshTestbed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StableTunnelTest {
    @TempDir
    Path dir;

    private SshTestbed testbed;
    private TestLinks links;
    private EchoService echo;
    private PortMemory memory;

    @BeforeEach
    void start() throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        testbed = SshTestbed.start(dir);
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

    private StableTunnel open(int localPort) throws InterruptedException {
        StableTunnel tunnel = StableTunnel.open(links.source("gpu"),
                new TunnelSpec("gpu", localPort, "127.0.0.1", echo.port()), memory);
        assertTrue(tunnel.awaitConnected(Duration.ofSeconds(30)), "tunnel did not connect: " + tunnel.status());
        return tunnel;
    }

    @Test
    void bytesFlowBothWaysExactlyAndHalfCloseIsCarried() throws Exception {
        byte[] data = new byte[32 * 1024 * 1024 + 12345];
        new Random(42).nextBytes(data);
        try (StableTunnel tunnel = open(0); Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
            ExecutorService sender = Executors.newSingleThreadExecutor();
            Future<?> sent = sendThenEof(sender, socket, data, 100_000);
            byte[] received = socket.getInputStream().readAllBytes();
            sent.get(60, TimeUnit.SECONDS);
            sender.shutdown();
            assertEquals(data.length, received.length);
            assertArrayEquals(sha256(data), sha256(received));
        }
    }

    /**
     * Keys renewed again and again while data flows both ways: nothing stalls and every byte arrives. MINA makes a
     * thread that sends channel data during a key exchange wait for it; the tunnel's socket callbacks run on the
     * session's only I/O thread, which then could not read the server's half of the exchange, and the upload froze
     * until MINA's timeout (minutes). OpenSSH and MINA renew keys every GiB or hour, so a long transfer hits it.
     */
    @Test
    void keyExchangesDuringABulkTransferNeitherStallItNorLoseABit() throws Exception {
        byte[] data = new byte[48 * 1024 * 1024];
        new Random(7).nextBytes(data);
        ClientSession session = links.sessions().session(testbed.target("gpu"));
        AtomicBoolean transferring = new AtomicBoolean(true);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (StableTunnel tunnel = open(0); Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
            socket.setSoTimeout(60_000); // a stalled transfer fails here instead of waiting for MINA's timeout
            Future<Integer> rekeys = workers.submit(() -> {
                int done = 0;
                while (transferring.get()) {
                    session.reExchangeKeys().verify(Duration.ofSeconds(60));
                    done++;
                    Thread.sleep(20);
                }
                return done;
            });
            Future<?> sent = sendThenEof(workers, socket, data, 64 * 1024);
            byte[] received = socket.getInputStream().readAllBytes();
            transferring.set(false);
            sent.get(60, TimeUnit.SECONDS);
            int exchanges = rekeys.get(60, TimeUnit.SECONDS);
            assertTrue(exchanges >= 3, "only " + exchanges + " key exchanges happened during the transfer");
            assertEquals(data.length, received.length);
            assertArrayEquals(sha256(data), sha256(received));
        } finally {
            transferring.set(false);
            workers.shutdownNow();
        }
    }

    /**
     * More than a GiB each way through one session makes no new keys: like OpenSSH, Tether renews them by the
     * cipher's blocks (64 GiB for AES-GCM) and every hour, not every GiB as MINA does by default; each renewal is a
     * post-quantum key exchange that stalls the transfer and, in a process that had not made one since it started,
     * cost the C2 compiler 0.5-0.7 s of CPU.
     */
    @Test
    void moreThanAGibibyteEachWayMakesNoNewKeys() throws Exception {
        byte[] block = new byte[1024 * 1024];
        new Random(11).nextBytes(block);
        int blocks = 1100; // 1.07 GiB: past MINA's default limit of 1 GiB
        ClientSession session = links.sessions().session(testbed.target("gpu"));
        AtomicInteger exchanges = new AtomicInteger();
        session.addSessionListener(new SessionListener() {
            @Override
            public void sessionNegotiationStart(Session s, Map<KexProposalOption, String> client,
                    Map<KexProposalOption, String> server) {
                exchanges.incrementAndGet();
            }
        });
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (StableTunnel tunnel = open(0); Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
            socket.setSoTimeout(60_000);
            Future<?> sent = sender.submit(() -> {
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < blocks; i++) {
                    out.write(block);
                }
                socket.shutdownOutput();
                return null;
            });
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < blocks; i++) {
                expected.update(block);
            }
            MessageDigest got = MessageDigest.getInstance("SHA-256");
            long received = 0;
            byte[] buffer = new byte[256 * 1024];
            InputStream in = socket.getInputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                got.update(buffer, 0, n);
                received += n;
            }
            sent.get(60, TimeUnit.SECONDS);
            assertEquals((long) blocks * block.length, received);
            assertArrayEquals(expected.digest(), got.digest());
            assertEquals(0, exchanges.get(), "key exchanges during the transfer");
        } finally {
            sender.shutdownNow();
        }
    }

    /**
     * The SSH socket takes only a few KiB per write (a small send buffer, as on a slow link): the packets a read
     * of the local socket brings leave in one socket write, which then completes in parts, each going on where
     * the socket stopped, while later packets queue behind it. Every byte arrives, in order, both ways.
     */
    @Test
    void packetsWrittenTogetherGoOutWholeThroughASocketThatTakesLittleAtATime() throws Exception {
        byte[] data = new byte[16 * 1024 * 1024 + 4321];
        new Random(5).nextBytes(data);
        ClientSession session = links.sessions().session(testbed.target("gpu"));
        ((Nio2Session) session.getIoSession()).getSocket()
                .setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (StableTunnel tunnel = open(0); Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
            socket.setSoTimeout(60_000);
            Future<?> sent = sendThenEof(sender, socket, data, 256 * 1024);
            byte[] received = socket.getInputStream().readAllBytes();
            sent.get(60, TimeUnit.SECONDS);
            assertEquals(data.length, received.length);
            assertArrayEquals(sha256(data), sha256(received));
        } finally {
            sender.shutdownNow();
        }
    }

    /**
     * An upload into a far end that stops reading for a while, then reads in small odd pieces: the SSH window the
     * server grants runs out again and again and opens by odd amounts, so chunks that do not fit the window are
     * split (the part that fits is copied) while whole ones go out as the packet buffers they were read into and are reused.
     * Every byte arrives, in order.
     */
    @Test
    void anUploadThatOutrunsASlowFarEndArrivesWhole() throws Exception {
        byte[] data = new byte[24 * 1024 * 1024 + 999];
        new Random(11).nextBytes(data);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (ServerSocket farEnd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<byte[]> digest = workers.submit(() -> {
                try (Socket in = farEnd.accept()) {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    byte[] piece = new byte[7 * 1024 + 3];
                    Thread.sleep(1500); // the window and the socket buffers fill meanwhile
                    long total = 0;
                    int n;
                    while ((n = in.getInputStream().read(piece)) >= 0) {
                        sha.update(piece, 0, n);
                        total += n;
                        if (total % 5 == 0) {
                            Thread.sleep(1); // and again now and then while the upload goes on
                        }
                    }
                    assertEquals(data.length, total, "bytes that reached the far end");
                    return sha.digest();
                }
            });
            StableTunnel tunnel = StableTunnel.open(links.source("gpu"),
                    new TunnelSpec("gpu", 0, "127.0.0.1", farEnd.getLocalPort()), memory);
            try (tunnel) {
                assertTrue(tunnel.awaitConnected(Duration.ofSeconds(30)), "tunnel did not connect: " + tunnel.status());
                try (Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
                    OutputStream out = socket.getOutputStream();
                    Random sizes = new Random(3);
                    for (int off = 0; off < data.length; ) {
                        int size = Math.min(1 + sizes.nextInt(100_000), data.length - off);
                        out.write(data, off, size);
                        off += size;
                    }
                    socket.shutdownOutput();
                    assertArrayEquals(sha256(data), digest.get(120, TimeUnit.SECONDS));
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * The far end says its piece and shuts its sending side while still reading: the local client sees that EOF
     * at once, while it can still send, and what it sends after it still arrives (a half-close from the server's
     * side; MINA's read futures told the tunnel only when the whole channel closed, so the client waited).
     */
    @Test
    void theServersHalfCloseReachesTheClientWhileItStillSends() throws Exception {
        try (ServerSocket far = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ExecutorService side = Executors.newSingleThreadExecutor();
            Future<String> heard = side.submit(() -> {
                try (Socket peer = far.accept()) {
                    peer.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                    peer.shutdownOutput();
                    return new String(peer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
            });
            try (StableTunnel tunnel = StableTunnel.open(links.source("gpu"),
                    new TunnelSpec("gpu", 0, "127.0.0.1", far.getLocalPort()), memory)) {
                assertTrue(tunnel.awaitConnected(Duration.ofSeconds(30)), "tunnel did not connect: " + tunnel.status());
                try (Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
                    socket.setSoTimeout(20_000);
                    socket.getOutputStream().write('x');
                    InputStream in = socket.getInputStream();
                    assertEquals("hello\n", new String(in.readNBytes(6), StandardCharsets.UTF_8));
                    assertEquals(-1, in.read(), "the server's EOF, before the client has stopped sending");
                    socket.getOutputStream().write("after the server's EOF".getBytes(
                            StandardCharsets.UTF_8));
                    socket.shutdownOutput();
                    assertEquals("xafter the server's EOF", heard.get(20, TimeUnit.SECONDS));
                }
            } finally {
                side.shutdownNow();
            }
        }
    }

    /**
     * Each message echoed before the next, of sizes around the largest local read (64 KiB), a packet (32 KiB for
     * OpenSSH) and the download buffers' first size (8 KiB), so reads that fill a buffer exactly, ones that leave a
     * byte over, and buffers that grow all deliver the bytes whole and in order.
     */
    @Test
    void exchangesAroundTheBufferSizesArriveWhole() throws Exception {
        int chunk = TunnelConnection.UPLOAD_CHUNK;
        int[] sizes = {1, 8 * 1024, 8 * 1024 + 1, 32 * 1024 - 1, 32 * 1024, 3, 32 * 1024 + 1, chunk, 17, chunk - 1, chunk + 1,
                chunk * 3 + 5, 1};
        Random random = new Random(7);
        try (StableTunnel tunnel = open(0); Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
            socket.setSoTimeout(30_000);
            for (int size : sizes) {
                byte[] message = new byte[size];
                random.nextBytes(message);
                socket.getOutputStream().write(message);
                byte[] echoed = socket.getInputStream().readNBytes(size);
                assertArrayEquals(message, echoed, "a message of " + size + " bytes");
            }
            socket.shutdownOutput();
            assertEquals(-1, socket.getInputStream().read(), "EOF after the last echo");
        }
    }

    @Test
    void automaticPortIsRememberedAndReusedNextTime() throws Exception {
        int first;
        try (StableTunnel tunnel = open(0)) {
            first = tunnel.localPort();
            assertEquals("hello", roundTrip(first, "hello"));
        }
        assertTrue(Files.readString(memory.file()).contains(String.valueOf(first)));
        try (StableTunnel again = open(0)) {
            assertEquals(first, again.localPort());
        }
    }

    @Test
    void fixedPortThatIsTakenIsReportedNotRemapped() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            TetherException e = assertThrows(TetherException.class, () -> StableTunnel.open(links.source("gpu"),
                    new TunnelSpec("gpu", taken.getLocalPort(), "127.0.0.1", echo.port()), memory));
            assertEquals("Local port " + taken.getLocalPort() + " is already in use, so the forward of gpu to 127.0.0.1:"
                    + echo.port() + " cannot listen there. Stop the program using it, choose another local port, "
                    + "or use 0 to let Tether choose one.", e.getLocalizedMessage());
        }
    }

    @Test
    void aRememberedPortThatIsTakenIsReportedNeverRemappedOrForgotten() throws Exception {
        int first;
        try (StableTunnel tunnel = open(0)) {
            first = tunnel.localPort();
            String memoryBefore = Files.readString(memory.file());
            // A second forward of the same target and remote port while the first still runs.
            TetherException e = assertThrows(TetherException.class, () -> StableTunnel.open(links.source("gpu"),
                    new TunnelSpec("gpu", 0, "127.0.0.1", echo.port()), memory));
            assertTrue(e.getLocalizedMessage().contains(String.valueOf(first))
                    && e.getLocalizedMessage().contains("in use"), e.getLocalizedMessage());
            assertEquals(memoryBefore, Files.readString(memory.file()));
            assertEquals("hello", roundTrip(first, "hello"));
        }
    }

    @Test
    void aConnectionMadeWhileTheServerIsFrozenWaitsForItInsteadOfClosing() throws Exception {
        try (StableTunnel tunnel = open(0)) {
            int port = tunnel.localPort();
            assertEquals("a", roundTrip(port, "a"));
            List<TunnelStatus> seen = new CopyOnWriteArrayList<>();
            tunnel.addListener(seen::add);
            List<ProcessHandle> sshd = sshdProcesses();
            ExecutorService client = Executors.newSingleThreadExecutor();
            signal(sshd, "STOP");
            try {
                Future<String> answer = client.submit(() -> {
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        socket.setSoTimeout(120_000);
                        socket.getOutputStream().write("waited".getBytes());
                        socket.shutdownOutput();
                        return new String(socket.getInputStream().readAllBytes());
                    }
                });
                Thread.sleep(30_000); // the old bound dropped such connections after 15-22 s
                assertTrue(!answer.isDone(), "closed while the server was frozen: " + (answer.isDone() ? answer.get() : ""));
                // The channel opening went unanswered for 15 s: the link is given up (the heartbeat would take 90 s).
                assertTrue(seen.stream().anyMatch(TunnelStatus.Reconnecting.class::isInstance),
                        "the unanswered channel opening did not give up the link: " + seen);
                signal(sshd, "CONT");
                assertEquals("waited", answer.get(80, TimeUnit.SECONDS));
            } finally {
                signal(sshd, "CONT");
                client.shutdownNow();
            }
        }
    }

    /** The testbed's sshd and its session processes, to freeze and thaw. */
    private List<ProcessHandle> sshdProcesses() throws IOException {
        long pid = Long.parseLong(Files.readString(testbed.server().dir().resolve("sshd.pid")).strip());
        List<ProcessHandle> sshd = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(sshd::add);
        sshd.addAll(ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of()));
        return sshd;
    }

    /** Sends {@code data} in pieces of {@code piece} bytes on {@code sender}, then half-closes the socket. */
    private static Future<?> sendThenEof(ExecutorService sender, Socket socket, byte[] data, int piece) {
        return sender.submit(() -> {
            OutputStream out = socket.getOutputStream();
            for (int off = 0; off < data.length; off += piece) {
                out.write(data, off, Math.min(piece, data.length - off));
            }
            socket.shutdownOutput(); // the far end answers EOF only if this EOF reaches it
            return null;
        });
    }

    private static void signal(List<ProcessHandle> processes, String signal) throws Exception {
        for (ProcessHandle process : processes) {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
        }
    }

    /**
     * A server that stops reading (frozen here; a hung host or a dead link do the same): once a socket write has
     * made no progress for the write-stall limit (30 s, as MINA's write timeout was) the session closes, before the
     * heartbeat's third missed reply (90 s) and without a timer task per write.
     */
    @Test
    void aServerThatStopsReadingEndsTheSessionOnceWritesStall() throws Exception {
        ClientSession session = links.sessions().session(testbed.target("gpu"));
        List<ProcessHandle> sshd = sshdProcesses();
        signal(sshd, "STOP");
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 400; i++) { // 24 MiB of ignored messages: more than the socket buffers hold
                Buffer ignored = session.createBuffer(SshConstants.SSH_MSG_IGNORE, 60_010);
                ignored.putBytes(new byte[60_000]);
                session.writePacket(ignored);
            }
            assertTrue(session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), Duration.ofSeconds(75))
                    .contains(ClientSessionEvent.CLOSED), "the session is still open with its writes stalled");
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds >= 25, "closed after " + seconds + " s, before any write had stalled for 30 s");
        } finally {
            signal(sshd, "CONT");
        }
    }

    @Test
    void closingFreesThePort() throws Exception {
        int port;
        try (StableTunnel tunnel = open(0)) {
            port = tunnel.localPort();
        }
        assertNothingListens(port);
    }

    /**
     * The port no longer listens. (Binding it again would race with other processes on a busy machine,
     * which may get the freed port as the local end of an outgoing connection.)
     */
    static void assertNothingListens(int port) {
        assertThrows(java.net.ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            }
        }, "something still listens on " + port);
    }

    @Test
    void hundredConcurrentConnections() throws Exception {
        try (StableTunnel tunnel = open(0)) {
            ExecutorService clients = Executors.newFixedThreadPool(100);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(echoes(clients, tunnel, i, 64 * 1024));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(120, TimeUnit.SECONDS));
            }
            clients.shutdown();
        }
    }

    /**
     * Waves of short connections, each echoing its own few KiB: the first download buffers go back to the tunnel's
     * pool when a connection ends and the next wave's connections take them; each gets only its own bytes.
     */
    @Test
    void connectionsThatReuseBuffersGetOnlyTheirOwnBytes() throws Exception {
        try (StableTunnel tunnel = open(0)) {
            ExecutorService clients = Executors.newFixedThreadPool(40);
            for (int wave = 0; wave < 5; wave++) {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int seed = wave * 100 + i;
                    results.add(echoes(clients, tunnel, seed, 1000 + seed * 13 % 6000)); // fits the first 16 KiB buffer
                }
                for (Future<Boolean> result : results) {
                    assertTrue(result.get(120, TimeUnit.SECONDS), "a connection got other bytes than its own");
                }
            }
            clients.shutdown();
            awaitIdle(tunnel);
            assertTrue(tunnel.downloadBuffers().kept() > 0, "no buffer went back to the pool");
            assertTrue(tunnel.uploadPackets().kept() > 0, "no upload packet went back to the pool");
        }
    }

    @Test
    void anIdleTunnelLetsGoOfItsKeptBuffers() throws Exception {
        try (StableTunnel tunnel = open(0)) {
            assertEquals("first", roundTrip(tunnel.localPort(), "first"));
            awaitIdle(tunnel);
            assertTrue(tunnel.downloadBuffers().kept() > 0 && tunnel.uploadPackets().kept() > 0, "nothing was kept");
            // The scheduler's first look (a minute after opening) only notes the connections so far.
            assertFalse(tunnel.trimIdlePools(), "trimmed right after a connection");
            assertTrue(tunnel.downloadBuffers().kept() > 0, "trimmed right after a connection");
            assertEquals("second", roundTrip(tunnel.localPort(), "second"));
            awaitIdle(tunnel);
            assertFalse(tunnel.trimIdlePools(), "trimmed although a connection came since the last look");
            assertTrue(tunnel.trimIdlePools(), "kept its buffers through a whole idle period");
            assertEquals(0, tunnel.downloadBuffers().kept());
            assertEquals(0, tunnel.uploadPackets().kept());
            // And it works on as before: new buffers, kept again.
            assertEquals("third", roundTrip(tunnel.localPort(), "third"));
            awaitIdle(tunnel);
            assertTrue(tunnel.downloadBuffers().kept() > 0 && tunnel.uploadPackets().kept() > 0, "nothing kept again");
        }
    }

    @Test
    void aChannelIsNamedByItsIdsAndSessionAndKeepsTheNameOnceOpen() throws Exception {
        ClientSession session = links.source("gpu").session();
        ForwardChannel channel = ForwardChannel.create(session, new SshdSocketAddress("127.0.0.1", 40000),
                new SshdSocketAddress("127.0.0.1", echo.port()));
        try {
            // MINA's own form, with the session's own name (its class, user and address).
            assertEquals("ForwardChannel[id=" + channel.getChannelId() + ", recipient=" + channel.getRecipient() + "]-"
                    + session, channel.toString());
            assertTrue(channel.open().verify(Duration.ofSeconds(10)).isOpened());
            String opened = channel.toString();
            assertEquals("ForwardChannel[id=" + channel.getChannelId() + ", recipient=" + channel.getRecipient() + "]-"
                    + session, opened);
            assertTrue(session.toString().contains(session.getUsername() + "@"), session.toString());
            assertSame(opened, channel.toString(), "made again once open");
        } finally {
            channel.close(true);
        }
    }

    @Test
    void endingConnectionsMakesNoExceptions() throws Exception {
        // MINA's channel close failed every channel's open future with a new SshException("Closed"), stack trace
        // and all, even though it was long done: a few % of each forwarded connection's CPU. JFR counts every
        // Throwable made while the event is on, thrown or not.
        try (StableTunnel tunnel = open(0); Recording recording = new Recording()) {
            assertEquals("first", roundTrip(tunnel.localPort(), "first"));
            awaitIdle(tunnel);
            recording.enable("jdk.JavaExceptionThrow");
            recording.start();
            for (int i = 0; i < 50; i++) {
                assertEquals("c" + i, roundTrip(tunnel.localPort(), "c" + i));
            }
            awaitIdle(tunnel);
            recording.stop();
            Path events = dir.resolve("exceptions.jfr");
            recording.dump(events);
            List<String> made = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(events)) {
                RecordedClass type = event.getClass("thrownClass");
                if (type != null && type.getName().startsWith("org.apache.sshd")) {
                    made.add(type.getName() + ": " + event.getString("message"));
                }
            }
            assertTrue(made.isEmpty(), made.size() + " exceptions made while 50 connections came and went, the first: "
                    + (made.isEmpty() ? "" : made.get(0)));
        }
    }

    @Test
    void noDescriptorOrThreadGrowthAfterThousandConnections() throws Exception {
        try (StableTunnel tunnel = open(0)) {
            for (int i = 0; i < 50; i++) {
                assertEquals("warm" + i, roundTrip(tunnel.localPort(), "warm" + i));
            }
            awaitIdle(tunnel);
            long fdsBefore = openDescriptors();
            int threadsBefore = Thread.activeCount();
            ExecutorService clients = Executors.newFixedThreadPool(10);
            List<Future<?>> batches = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                int client = c;
                batches.add(clients.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        assertEquals("n" + client + "-" + i, roundTrip(tunnel.localPort(), "n" + client + "-" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> batch : batches) {
                batch.get(300, TimeUnit.SECONDS);
            }
            clients.shutdown();
            assertTrue(clients.awaitTermination(10, TimeUnit.SECONDS));
            awaitIdle(tunnel);
            long fdsAfter = openDescriptors();
            int threadsAfter = Thread.activeCount();
            assertTrue(fdsAfter <= fdsBefore + 10, "descriptors " + fdsBefore + " -> " + fdsAfter);
            assertTrue(threadsAfter <= threadsBefore + 10, "threads " + threadsBefore + " -> " + threadsAfter);
        }
    }

    @Test
    void samePortAnswersAgainAfterSshdIsKilledAndRestarted() throws Exception {
        try (StableTunnel tunnel = open(0)) {
            int port = tunnel.localPort();
            List<TunnelStatus> seen = new CopyOnWriteArrayList<>();
            tunnel.addListener(seen::add);
            assertEquals("before", roundTrip(port, "before"));

            SshdConnections.killAll(testbed.server());
            // The link is really gone: the tunnel notices and says it is reconnecting.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(tunnel.status() instanceof TunnelStatus.Reconnecting) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertInstanceOf(TunnelStatus.Reconnecting.class, tunnel.status());

            // A client connects while sshd is down: its connection waits for the link instead of failing.
            AtomicBoolean answered = new AtomicBoolean();
            ExecutorService client = Executors.newSingleThreadExecutor();
            Future<Long> recovered = client.submit(() -> {
                assertEquals("after", roundTrip(port, "after"));
                answered.set(true);
                return System.nanoTime();
            });
            Thread.sleep(2000);
            assertTrue(!answered.get(), "answered while sshd was down?");
            testbed.server().restart();
            // Liveness only (how fast is for the benchmark, not a test): the waiting connection is answered.
            recovered.get(60, TimeUnit.SECONDS);
            client.shutdownNow();
            assertEquals(port, tunnel.localPort());
            assertInstanceOf(TunnelStatus.Connected.class, tunnel.status());
            assertTrue(seen.stream().anyMatch(TunnelStatus.Reconnecting.class::isInstance), seen.toString());
        }
    }

    static String roundTrip(int port, String text) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(text.getBytes());
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes());
        }
    }

    /** One connection on {@code clients}: sends {@code length} random bytes, then whether exactly they came back. */
    private static Future<Boolean> echoes(ExecutorService clients, StableTunnel tunnel, int seed, int length) {
        return clients.submit(() -> {
            byte[] data = new byte[length];
            new Random(seed).nextBytes(data);
            try (Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
                socket.getOutputStream().write(data);
                socket.shutdownOutput();
                return Arrays.equals(data, socket.getInputStream().readAllBytes());
            }
        });
    }

    private static void awaitIdle(StableTunnel tunnel) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (tunnel.activeConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, tunnel.activeConnections());
        Thread.sleep(300); // let closed channels' sockets finish closing on both sides
    }

    private static long openDescriptors() throws IOException {
        try (var files = Files.list(Path.of("/proc/self/fd"))) {
            return files.count();
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
