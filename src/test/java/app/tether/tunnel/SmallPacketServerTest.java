package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.inventory.SshServer;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.Interop;
import app.tether.testing.OpenSshServer;
import app.tether.testing.RecordingSshServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that takes smaller data packets than Tether's chunks (MINA's SSH server set to 512 bytes; OpenSSH takes
 * 32 KiB, other servers may take less): the tunnel frames its own packets, so it must never send one larger than
 * the server said it takes, or the server ends the session.
 */
class SmallPacketServerTest {
    @TempDir
    Path dir;

    @Test
    void uploadsToAServerThatTakesSmallPacketsArriveWhole() throws Exception {
        Interop.requireProgram("/usr/bin/ssh-keygen");
        byte[] data = new byte[3 * 1024 * 1024 + 77];
        new Random(9).nextBytes(data);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (EchoService echo = new EchoService();
                RecordingSshServer server = RecordingSshServer.withAnyPublicKey(dir, ssh -> {
                    ssh.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
                    CoreModuleProperties.MAX_PACKET_SIZE.set(ssh, 512L);
                }, command -> RecordingSshServer.Reply.out(""))) {
            Environment environment = server.trustingEnvironment(dir);
            Path key = OpenSshServer.generateKey(environment.sshDir(), "ed25519", "");
            SshServer target = server.target("small", "tester", key.toString());
            try (SshSessions sessions = new SshSessions(environment, HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE,
                    Duration.ofSeconds(10), null);
                    StableTunnel tunnel = StableTunnel.open(new PooledSessionSource(sessions, target),
                            new TunnelSpec("small", 0, "127.0.0.1", echo.port()), PortMemory.in(environment))) {
                assertTrue(tunnel.awaitConnected(Duration.ofSeconds(30)), "tunnel did not connect: " + tunnel.status());
                try (Socket socket = new Socket("127.0.0.1", tunnel.localPort())) {
                    socket.setSoTimeout(60_000);
                    Future<?> sent = sender.submit(() -> {
                        OutputStream out = socket.getOutputStream();
                        out.write(data);
                        socket.shutdownOutput();
                        return null;
                    });
                    byte[] received = socket.getInputStream().readAllBytes();
                    sent.get(60, TimeUnit.SECONDS);
                    assertEquals(data.length, received.length, "bytes echoed back");
                    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data),
                            MessageDigest.getInstance("SHA-256").digest(received));
                }
            }
        } finally {
            sender.shutdownNow();
        }
    }
}
