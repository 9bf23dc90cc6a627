package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.TetherException;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.SshTestbed;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH I/O runs on very few threads (one thread is fastest for forwarding), so a host-key question
 * left open for one server must not hold up the tunnels of another: handshakes run off the I/O threads.
 */
class PromptDuringTunnelTest {
    @TempDir
    Path dir;

    @Test
    void anOpenHostKeyQuestionDoesNotStallOtherTunnels() throws Exception {
        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        SshPrompts prompts = new SshPrompts() {
            @Override
            public boolean trustNewHostKey(String hostPort, String keyType, String sha256Fingerprint) {
                asking.countDown();
                try {
                    answer.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }

            @Override
            public Optional<char[]> passphrase(String keyFile) {
                return Optional.empty();
            }

            @Override
            public Optional<char[]> password(String userAtHost) {
                return Optional.empty();
            }
        };
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (SshTestbed known = SshTestbed.start(dir.resolve("known"));
                SshTestbed unknown = SshTestbed.start(dir.resolve("unknown"));
                EchoService echo = new EchoService();
                SshSessions sessions = new SshSessions(known.environment(), HostKeyPolicy.ASK, prompts,
                        Duration.ofSeconds(10), null)) {
            // The second server's host key is not in the first testbed's known_hosts: connecting asks.
            Future<?> blocked = background.submit(() -> sessions.session(unknown.target("new")));
            assertTrue(asking.await(30, TimeUnit.SECONDS), "the host key question was never asked");

            try (StableTunnel tunnel = StableTunnel.open(new PooledSessionSource(sessions, known.target("gpu")),
                    new TunnelSpec("gpu", 0, "127.0.0.1", echo.port()), PortMemory.in(known.environment()))) {
                assertTrue(tunnel.awaitConnected(Duration.ofSeconds(30)), "tunnel did not connect: " + tunnel.status());
                try (Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
                    socket.setSoTimeout(30_000);
                    byte[] sent = "still flowing while a dialog is open".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    socket.getOutputStream().write(sent);
                    byte[] got = new byte[sent.length];
                    new DataInputStream(socket.getInputStream()).readFully(got);
                    assertArrayEquals(sent, got);
                }
            } finally {
                answer.countDown();
            }
            java.util.concurrent.ExecutionException refused = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> blocked.get(30, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof TetherException, String.valueOf(refused.getCause()));
        } finally {
            background.shutdownNow();
        }
    }
}
