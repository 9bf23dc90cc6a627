package app.tether.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A far link on loopback: a TCP relay that delivers every byte {@code delayMillis} after it arrived, each way, in
 * order (a round trip through it takes twice the delay more). Each connection gets two reader and two writer threads.
 */
public final class DelayedLink implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final long delayNanos;
    private volatile boolean closed;

    private DelayedLink(int targetPort, long delayMillis) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    /** Relays connections to its port to 127.0.0.1:{@code targetPort}, {@code delayMillis} late each way. */
    public static DelayedLink to(int targetPort, long delayMillis) throws IOException {
        DelayedLink link = new DelayedLink(targetPort, delayMillis);
        Thread acceptor = new Thread(link::accept, "delayed-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return link;
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                relay(client, server);
                relay(server, client);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("delayed link: " + e);
                }
            }
        }
    }

    private record Chunk(long dueNanos, byte[] bytes) {
    }

    private void relay(Socket from, Socket to) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    queue.put(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            }
            queue.add(new Chunk(System.nanoTime() + delayNanos, null));
        }, "delayed-link-read");
        Thread writer = new Thread(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk chunk = queue.take();
                    long wait = chunk.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (chunk.bytes() == null) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(chunk.bytes());
                }
            } catch (IOException | InterruptedException e) {
                closeQuietly(from);
            }
        }, "delayed-link-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }
}
