package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.testing.Interop;
import app.tether.testing.OpenSshForward;
import app.tether.testing.SshTestbed;
import app.tether.testing.TunnelLoad;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
                TunnelLoad.BenchService service = new TunnelLoad.BenchService();
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
                TunnelLoad.upload(port, 32L << 20);
                TunnelLoad.download(port, 32L << 20);
                roundTrips(port, 200);
                TunnelLoad.concurrent(port, 20);
            }
            List<String> report = new ArrayList<>();
            report.add(String.format(Locale.ROOT, "Tunnel benchmark: %d MiB bulk, %d round trips of 64 B, %d concurrent "
                    + "connections; median of %d rounds; OpenSSH %s", BULK_BYTES >> 20, ROUND_TRIPS, CONCURRENT,
                    ROUNDS, sshVersion()));
            report.add(String.format(Locale.ROOT, "%-28s %12s %12s %12s %10s %10s", "measure", "Tether",
                    "OpenSSH", "OpenSSH-gcm", "ratio", "ratio-gcm"));
            measure(report, "upload MiB/s (higher better)", ROUNDS, port -> mibPerSecond(BULK_BYTES, TunnelLoad.upload(port, BULK_BYTES)),
                    t, o, g);
            measure(report, "download MiB/s (higher better)", ROUNDS,
                    port -> mibPerSecond(BULK_BYTES, TunnelLoad.download(port, BULK_BYTES)), t, o, g);
            measure(report, "round trip us (lower better)", ROUNDS, port -> roundTrips(port, ROUND_TRIPS), t, o, g);
            measure(report, "100 conns/s (higher better)", ROUNDS,
                    port -> CONCURRENT / (TunnelLoad.concurrent(port, CONCURRENT) / 1e9), t, o, g);
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

    /** Median microseconds of {@code count} 64-byte request/response round trips on one connection. */
    private static double roundTrips(int port, int count) throws IOException {
        try (Socket socket = TunnelLoad.connect(port)) {
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

    private static String sshVersion() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ssh", "-V").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return text;
    }
}
