package app.tether.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Load for a forwarded port, shared by the tunnel benchmarks: bulk each way, concurrent echo, and the far end. */
public final class TunnelLoad {
    private TunnelLoad() {
    }

    /** Sends {@code bytes} to the sink; time until the sink confirms it has them all. */
    public static long upload(int port, long bytes) throws IOException {
        try (Socket socket = connect(port)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] chunk = new byte[256 * 1024];
            long start = System.nanoTime();
            out.writeByte('U');
            out.writeLong(bytes);
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.flush();
            assertEquals('K', socket.getInputStream().read());
            return System.nanoTime() - start;
        }
    }

    /** Asks the source for {@code bytes}; time until they have all arrived. */
    public static long download(int port, long bytes) throws IOException {
        try (Socket socket = connect(port)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            long start = System.nanoTime();
            out.writeByte('D');
            out.writeLong(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256 * 1024];
            long got = 0;
            int n;
            while (got < bytes && (n = in.read(buffer)) > 0) {
                got += n;
            }
            assertEquals(bytes, got);
            return System.nanoTime() - start;
        }
    }

    /** Nanoseconds for {@code count} clients at once each to connect and do a 16 KiB echo. */
    public static long concurrent(int port, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                done.add(clients.submit(() -> {
                    try (Socket socket = connect(port)) {
                        OutputStream out = socket.getOutputStream();
                        DataInputStream in = new DataInputStream(socket.getInputStream());
                        byte[] data = new byte[16 * 1024];
                        out.write('E');
                        out.write(data);
                        in.readFully(data);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            return System.nanoTime() - start;
        } finally {
            clients.shutdownNow();
        }
    }

    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(120_000);
        return socket;
    }

    /** The far end: 'U'+length = sink (answers 'K'), 'D'+length = source, 'E' = echo until EOF. */
    public static final class BenchService implements AutoCloseable {
        private final ServerSocket server;
        private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "bench-service");
            thread.setDaemon(true);
            return thread;
        });

        public BenchService() throws IOException {
            server = new ServerSocket(0, 500, InetAddress.getLoopbackAddress());
            workers.execute(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        workers.execute(() -> serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        public int port() {
            return server.getLocalPort();
        }

        private void serve(Socket socket) {
            try (socket) {
                socket.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[256 * 1024];
                int op = in.read();
                if (op == 'U') {
                    long left = in.readLong();
                    while (left > 0) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            return;
                        }
                        left -= n;
                    }
                    out.write('K');
                    out.flush();
                    in.read(); // wait for the client to close
                } else if (op == 'D') {
                    long left = in.readLong();
                    while (left > 0) {
                        int n = (int) Math.min(buffer.length, left);
                        out.write(buffer, 0, n);
                        left -= n;
                    }
                    out.flush();
                    in.read();
                } else if (op == 'E') {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // client gone
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            workers.shutdownNow();
        }
    }
}
