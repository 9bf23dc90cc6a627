package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.testing.Interop;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tether's tunnel against OpenSSH {@code ssh -N -L} to the same sshd, in the same run: bulk throughput
 * each way, small request/response latency, and 100 concurrent connections. Prints ratios
 * Tether/OpenSSH. Not part of the normal build: {@code ./mvnw -B -Pbench verify} (or
 * {@code ./mvnw -B -Pbench test -Dtest=TunnelBenchmark}).
 */
@Tag("bench")
class TunnelBenchmark {
    private static final long BULK_BYTES = Long.getLong("bench.bulkMiB", 256) * 1024 * 1024;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int ROUND_TRIPS = 2000;
    private static final int CONCURRENT = 100;

    @TempDir
    Path dir;

    @Test
    void tetherAgainstOpenSsh() throws Exception {
        Interop.requireProgram("/usr/bin/ssh");
        try (SshTestbed testbed = SshTestbed.start(dir);
                BenchService service = new BenchService();
                TestLinks links = new TestLinks(testbed);
                StableTunnel tether = StableTunnel.open(links.source("bench"),
                        new TunnelSpec("bench", 0, "127.0.0.1", service.port()), PortMemory.in(testbed.environment()));
                OpenSshForward openssh = OpenSshForward.start(testbed, service.port(), List.of());
                OpenSshForward opensshGcm = OpenSshForward.start(testbed, service.port(),
                        List.of("-c", "aes128-gcm@openssh.com"))) {
            assertTrue(tether.awaitConnected(Duration.ofSeconds(30)));
            int t = tether.localPort();
            int o = openssh.port();
            int g = opensshGcm.port();

            // Warm-up: JIT for Tether, connection setup for all.
            for (int port : new int[] {t, o, g}) {
                upload(port, 32L << 20);
                download(port, 32L << 20);
                roundTrips(port, 200);
                concurrent(port, 20);
            }
            List<String> report = new ArrayList<>();
            report.add(String.format(Locale.ROOT, "Tunnel benchmark: %d MiB bulk, %d round trips of 64 B, %d concurrent "
                    + "connections; median of %d rounds; OpenSSH %s", BULK_BYTES >> 20, ROUND_TRIPS, CONCURRENT,
                    ROUNDS, sshVersion()));
            report.add(String.format(Locale.ROOT, "%-28s %12s %12s %12s %10s %10s", "measure", "Tether",
                    "OpenSSH", "OpenSSH-gcm", "ratio", "ratio-gcm"));
            measure(report, "upload MiB/s (higher better)", ROUNDS, port -> mibPerSecond(BULK_BYTES, upload(port, BULK_BYTES)),
                    t, o, g);
            measure(report, "download MiB/s (higher better)", ROUNDS,
                    port -> mibPerSecond(BULK_BYTES, download(port, BULK_BYTES)), t, o, g);
            measure(report, "round trip us (lower better)", ROUNDS, port -> roundTrips(port, ROUND_TRIPS), t, o, g);
            measure(report, "100 conns/s (higher better)", ROUNDS,
                    port -> CONCURRENT / (concurrent(port, CONCURRENT) / 1e9), t, o, g);
            report.forEach(System.out::println);
        }
    }

    private interface Measure {
        double at(int port) throws Exception;
    }

    /** Runs the three alternately, so drifting machine load hits each alike; reports medians and ratios. */
    private static void measure(List<String> report, String name, int rounds, Measure measure, int tether, int openssh,
            int opensshGcm) throws Exception {
        double[][] values = new double[3][rounds];
        int[] ports = {tether, openssh, opensshGcm};
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 3; i++) {
                values[i][r] = measure.at(ports[i]);
            }
        }
        double t = median(values[0]);
        double o = median(values[1]);
        double g = median(values[2]);
        report.add(String.format(Locale.ROOT, "%-28s %12.1f %12.1f %12.1f %9.2fx %9.2fx   runs T=%s O=%s G=%s", name,
                t, o, g, t / o, t / g, fmt(values[0]), fmt(values[1]), fmt(values[2])));
    }

    private static String fmt(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(text.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return text.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    /** Sends {@code bytes} to the sink; time until the sink confirms it has them all. */
    private static long upload(int port, long bytes) throws IOException {
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
    private static long download(int port, long bytes) throws IOException {
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

    /** Median microseconds of {@code count} 64-byte request/response round trips on one connection. */
    private static double roundTrips(int port, int count) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write('E');
            byte[] message = new byte[64];
            long[] times = new long[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                out.write(message);
                in.readFully(message);
                times[i] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            return times[count / 2] / 1000.0;
        }
    }

    /** Nanoseconds for {@code count} clients at once each to connect and do a 16 KiB echo. */
    private static long concurrent(int port, int count) throws Exception {
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

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(120_000);
        return socket;
    }

    private static String sshVersion() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ssh", "-V").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return text;
    }

    /** The far end: 'U'+length = sink (answers 'K'), 'D'+length = source, 'E' = echo until EOF. */
    static final class BenchService implements AutoCloseable {
        private final ServerSocket server;
        private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "bench-service");
            thread.setDaemon(true);
            return thread;
        });

        BenchService() throws IOException {
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

        int port() {
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

    /** {@code ssh -N -L PORT:127.0.0.1:SERVICE} to the testbed's sshd, with the testbed's key and known_hosts. */
    static final class OpenSshForward implements AutoCloseable {
        private final Process process;
        private final int port;

        private OpenSshForward(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static OpenSshForward start(SshTestbed testbed, int servicePort, List<String> extra) throws Exception {
            int port = OpenSshServer.freePort();
            List<String> command = new ArrayList<>(List.of("/usr/bin/ssh", "-N", "-F", "/dev/null",
                    "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes", "-o", "StrictHostKeyChecking=yes",
                    "-o", "UserKnownHostsFile=" + testbed.home().resolve(".ssh/known_hosts"),
                    "-i", testbed.key().toString(), "-p", String.valueOf(testbed.server().port()),
                    "-L", port + ":127.0.0.1:" + servicePort));
            command.addAll(extra);
            command.add(OpenSshServer.user() + "@127.0.0.1");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(testbed.home().resolve("ssh-" + port + ".log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("ssh -L exited " + process.exitValue());
                }
                try (Socket probe = connect(port)) {
                    return new OpenSshForward(process, port);
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            process.destroyForcibly();
            throw new IOException("ssh -L did not listen");
        }

        int port() {
            return port;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
