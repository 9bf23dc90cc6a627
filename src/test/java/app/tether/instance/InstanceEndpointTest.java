package app.tether.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the instance's socket: none, a stale one, one being replaced, a live one. */
class InstanceEndpointTest {
    @TempDir
    Path dir;

    @Test
    void noFolderNoFileAndAStaleFileAllMeanNoInstance() throws Exception {
        InstanceEndpoint endpoint = new InstanceEndpoint(dir.resolve("run"));
        assertTrue(endpoint.connect().isEmpty(), "no folder");
        assertFalse(endpoint.stale());
        endpoint.prepareFolder();
        assertTrue(endpoint.connect().isEmpty(), "no socket file");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(endpoint.socket()));
        }
        assertTrue(Files.exists(endpoint.socket()));
        assertTrue(endpoint.connect().isEmpty(), "a file nobody listens on");
        assertTrue(endpoint.stale());
    }

    @Test
    void aLiveSocketIsConnected() throws Exception {
        InstanceEndpoint endpoint = new InstanceEndpoint(dir.resolve("run"));
        endpoint.prepareFolder();
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(endpoint.socket()));
            Optional<SocketChannel> connected = endpoint.connect();
            assertTrue(connected.isPresent());
            connected.get().close();
            assertFalse(endpoint.stale());
        }
    }

    /**
     * An instance that replaces a stale socket deletes the file and binds anew; a client connecting meanwhile
     * must read "no instance (yet)", never fail. CI saw {@code SocketException: No such file or directory} when the
     * file went between the client's check for it and its connect; this makes that window as wide as it gets.
     */
    @Test
    void aSocketBeingReplacedNeverFailsAClient() throws Exception {
        InstanceEndpoint endpoint = new InstanceEndpoint(dir.resolve("run"));
        endpoint.prepareFolder();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> replacerFailed = new AtomicReference<>();
        Thread replacer = new Thread(() -> {
            try {
                // As instances that start and die: a stale file is deleted, a live socket bound in its place, and
                // when that instance dies its file stays behind, stale, for the next one to replace.
                try (ServerSocketChannel first = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                    first.bind(UnixDomainSocketAddress.of(endpoint.socket()));
                }
                while (running.get()) {
                    Files.delete(endpoint.socket());
                    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                        live.bind(UnixDomainSocketAddress.of(endpoint.socket()));
                        LockSupport.parkNanos(200_000); // lives a moment, then dies
                    }
                }
            } catch (Throwable e) {
                replacerFailed.set(e);
            }
        }, "replacer");
        replacer.start();
        int none = 0;
        try {
            for (int i = 0; i < 20_000; i++) {
                // Threw on the old check-then-connect; a connect in the moment the socket is bound may succeed.
                Optional<SocketChannel> connected = endpoint.connect();
                if (connected.isPresent()) {
                    connected.get().close();
                } else {
                    none++;
                }
            }
        } finally {
            running.set(false);
            replacer.join();
        }
        assertEquals(null, replacerFailed.get());
        assertTrue(none > 0, "the file was missing or stale at some connects");
    }
}
