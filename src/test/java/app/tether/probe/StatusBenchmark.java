package app.tether.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.SshServer;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long status probes take against a real sshd on loopback: one probe cold and over the pooled session,
 * and a full refresh of 50 targets. Numbers are printed, not asserted ({@code ./mvnw -Pbench verify}).
 */
@Tag("bench")
class StatusBenchmark {
    @TempDir
    Path dir;

    @Test
    void probeRoundTripsAndFiftyTargets() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("remote-bin"));
        Files.writeString(bin.resolve("gpus.out"), NvidiaSmiFixtures.read("csv-8xH100-80GB-HBM3-load-ansible-run-UNVERIFIED-REPO.csv"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\ncase \"$*\" in *--query-gpu=*) cat \"$(dirname \"$0\")/gpus.out\" ;; esac\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SshTestbed testbed = SshTestbed.start(dir, "SetEnv PATH=" + bin + ":/usr/bin:/bin");
                SshSessions sessions = new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN,
                        SshPrompts.NONE, Duration.ofSeconds(10), null)) {
            SshServer one = testbed.target("bench");
            StatusProbe probe = new StatusProbe(sessions);
            long start = System.nanoTime();
            ServerStatus cold = probe.probe(one);
            double coldMs = (System.nanoTime() - start) / 1e6;
            assertEquals(8, cold.gpus().size(), String.valueOf(cold));
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                assertTrue(probe.probe(one).online());
                warm.add((System.nanoTime() - t) / 1e6);
            }
            Collections.sort(warm);

            List<SshServer> fifty = IntStream.range(0, 50).mapToObj(i -> SshServer.ofHost("gpu" + i, "127.0.0.1",
                    OpenSshServer.user(), testbed.server().port(), testbed.key().toString(), null)).toList();
            Map<String, Integer> rounds = new ConcurrentHashMap<>();
            CountDownLatch firstRound = new CountDownLatch(50);
            CountDownLatch secondRound = new CountDownLatch(50);
            long refreshStart = System.nanoTime();
            long[] firstDone = new long[1];
            try (StatusRefresher refresher = new StatusRefresher(sessions, () -> fifty, s -> {
                assertTrue(s.online(), s.error());
                int n = rounds.merge(s.target(), 1, Integer::sum);
                if (n == 1) {
                    firstRound.countDown();
                } else if (n == 2) {
                    secondRound.countDown();
                }
            })) {
                refresher.setInterval(Duration.ofMillis(100));
                refresher.start();
                assertTrue(firstRound.await(300, TimeUnit.SECONDS));
                firstDone[0] = System.nanoTime();
                assertTrue(secondRound.await(300, TimeUnit.SECONDS));
            }
            long secondDone = System.nanoTime();
            System.out.printf("StatusBenchmark: cold probe %.0f ms; pooled probe median %.1f ms (min %.1f, max %.1f); "
                    + "50 targets, %d at once: first round (50 connects) %.0f ms, second round %.0f ms%n",
                    coldMs, warm.get(warm.size() / 2), warm.get(0), warm.get(warm.size() - 1),
                    StatusRefresher.DEFAULT_CONCURRENCY, (firstDone[0] - refreshStart) / 1e6,
                    (secondDone - firstDone[0]) / 1e6);
        }
    }
}
