package app.tether.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.ssh.CommandResult;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.OpenSshServer;
import app.tether.testing.ProcessTreeCpu;
import app.tether.testing.SshTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long status probes take against a real sshd on loopback: one probe cold and over the pooled session, then
 * refresh rounds of 50 targets (one sshd, 50 names), the way Tether refreshes now and, interleaved in the same run,
 * the way it did before (the script of 4a68c25 spawning about 14 processes, 8 probes at once whether connected or
 * not). Each round prints its wall time, this JVM's CPU, the sshd's CPU (the server side: sshd, login shells and
 * what the script runs) and the load average. Numbers are printed, not asserted
 * ({@code ./mvnw -B -o -Pbench test -Dtest=StatusBenchmark}; {@code -Dbench.rounds=N} later rounds per way).
 */
@Tag("bench")
class StatusBenchmark {
    private static final int TARGETS = 50;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    /** The probe script as it was before issue 14's refresh work (4a68c25), as the baseline. */
    private static final String SCRIPT_BEFORE = "LC_ALL=C; export LC_ALL; PATH=\"$PATH:/usr/local/nvidia/bin\"; export PATH; "
            + "echo '@@tether-probe 1'; echo \"hostname $(uname -n 2>/dev/null)\"; if [ -r /etc/os-release ]; "
            + "then grep '^PRETTY_NAME=' /etc/os-release | head -n 1 | sed 's/^/os-release /'; fi; "
            + "echo \"uname $(uname -sr 2>/dev/null)\"; if [ -r /proc/uptime ]; "
            + "then echo \"uptime $(cat /proc/uptime)\"; fi; if [ -r /proc/loadavg ]; "
            + "then echo \"loadavg $(cat /proc/loadavg)\"; fi; "
            + "echo \"cpus $(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null)\"; "
            + "if [ -r /proc/meminfo ]; "
            + "then grep -E '^(MemTotal|MemAvailable):' /proc/meminfo | sed 's/^/meminfo /'; fi; "
            + "if command -v timeout >/dev/null 2>&1; then d='timeout 5'; t='timeout 10'; else d=; t=; fi; "
            + "echo \"df $($d df -Pk \"$HOME\" 2>/dev/null | tail -n 1)\"; "
            + "if command -v nvidia-smi >/dev/null 2>&1; then echo '@@gpus'; "
            + "$t nvidia-smi --query-gpu=index,name,uuid,utilization.gpu,utilization.memory,memory.used,memory.total,temperature.gpu,power.draw,power.limit --format=csv,noheader,nounits 2>&1; "
            + "c=$?; echo; echo \"@@exit $c\"; echo '@@apps'; "
            + "$t nvidia-smi --query-compute-apps=gpu_uuid,pid,process_name,used_memory --format=csv,noheader,nounits 2>&1; "
            + "c=$?; echo; echo \"@@exit $c\"; else echo '@@no-nvidia-smi'; fi; echo '@@end'";

    @TempDir
    Path dir;

    @Test
    void probeRoundTripsAndFiftyTargets() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("remote-bin"));
        Files.writeString(bin.resolve("gpus.out"), NvidiaSmiFixtures.read("csv-8xH100-80GB-HBM3-load-ansible-run-UNVERIFIED-REPO.csv"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\ncase \"$*\" in *--query-gpu=*) cat \"$(dirname \"$0\")/gpus.out\" ;; esac\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SshTestbed testbed = SshTestbed.start(dir, "SetEnv PATH=" + bin + ":/usr/bin:/bin")) {
            singleProbes(testbed);
            List<SshServer> fifty = IntStream.range(0, TARGETS).mapToObj(i -> SshServer.ofHost("gpu" + i, "127.0.0.1",
                    OpenSshServer.user(), testbed.server().port(), testbed.key().toString(), null)).toList();
            SshSessions beforeSessions = sessions(testbed);
            SshSessions nowSessions = sessions(testbed);
            Map<String, Integer> beforeSeen = new ConcurrentHashMap<>();
            Map<String, Integer> nowSeen = new ConcurrentHashMap<>();
            Map<String, String> beforeErrors = new ConcurrentHashMap<>();
            Map<String, String> nowErrors = new ConcurrentHashMap<>();
            // Before: the old script, 8 probes at once in all. Now: what the window runs.
            Function<SshServer, ServerStatus> oldProbe = t -> {
                Instant at = Instant.now();
                try {
                    CommandResult r = beforeSessions.quietShell(t).capture(List.of("sh", "-c", SCRIPT_BEFORE),
                            StatusProbe.TIMEOUT);
                    return ProbeScript.read(t.name(), at, r.stdout(), r.stderr());
                } catch (TetherException e) {
                    return ServerStatus.unreachable(t.name(), at, StatusProbe.reachability(e), e.getLocalizedMessage());
                }
            };
            try (StatusRefresher before = new StatusRefresher(oldProbe, () -> fifty, s -> count(s, beforeSeen, beforeErrors), 8);
                    StatusRefresher now = new StatusRefresher(nowSessions, () -> fifty, s -> count(s, nowSeen, nowErrors))) {
                before.setInterval(Duration.ofHours(1));
                now.setInterval(Duration.ofHours(1));
                long pid = testbed.server().pid();
                List<Double> beforeLater = new ArrayList<>();
                List<Double> nowLater = new ArrayList<>();
                round("before, first round (50 connects)", pid, before::start, beforeSeen, 1);
                round("now,    first round (50 connects)", pid, now::start, nowSeen, 1);
                for (int r = 2; r <= ROUNDS + 1; r++) {
                    beforeLater.add(round("before, round " + r, pid, () -> fifty.forEach(t -> before.refreshNow(t.name())),
                            beforeSeen, r));
                    nowLater.add(round("now,    round " + r, pid, () -> fifty.forEach(t -> now.refreshNow(t.name())),
                            nowSeen, r));
                }
                System.out.printf(Locale.ROOT, "StatusBenchmark: later rounds, median wall: before %.0f ms, now %.0f ms "
                        + "(%.2fx); targets with an offline answer: before %d %s, now %d %s%n", median(beforeLater),
                        median(nowLater), median(nowLater) / median(beforeLater), beforeErrors.size(),
                        beforeErrors.values().stream().distinct().limit(1).toList(), nowErrors.size(),
                        nowErrors.values().stream().distinct().limit(1).toList());
            } finally {
                beforeSessions.close();
                nowSessions.close();
            }
        }
    }

    private static SshSessions sessions(SshTestbed testbed) {
        return new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE,
                Duration.ofSeconds(10), null);
    }

    private static void count(ServerStatus status, Map<String, Integer> seen, Map<String, String> errors) {
        if (!status.online()) {
            errors.put(status.target(), String.valueOf(status.error()));
        } else {
            assertEquals(8, status.gpus().size(), String.valueOf(status));
        }
        seen.merge(status.target(), 1, Integer::sum);
    }

    /** One round: starts it, waits until every target has its {@code round}-th status, prints and returns the wall ms. */
    private static double round(String label, long sshdPid, Runnable start, Map<String, Integer> seen, int round)
            throws InterruptedException {
        String load = ProcessTreeCpu.load();
        double jvm = ProcessTreeCpu.thisJvmMillis();
        double sshd = ProcessTreeCpu.millis(sshdPid);
        long t = System.nanoTime();
        start.run();
        long deadline = t + TimeUnit.SECONDS.toNanos(600);
        while (seen.size() < TARGETS || seen.values().stream().anyMatch(n -> n < round)) {
            assertTrue(System.nanoTime() < deadline, label + " did not finish: " + seen);
            Thread.sleep(1);
        }
        double wall = (System.nanoTime() - t) / 1e6;
        System.out.printf(Locale.ROOT, "StatusBenchmark: %-36s wall %7.0f ms   CPU: Tether %6.0f ms, sshd side %6.0f ms"
                + "   load %s -> %s%n", label, wall, ProcessTreeCpu.thisJvmMillis() - jvm,
                ProcessTreeCpu.millis(sshdPid) - sshd, load, ProcessTreeCpu.load());
        return wall;
    }

    /** One target probed cold (connect + probe) and 20 times over its pooled session. */
    private static void singleProbes(SshTestbed testbed) {
        try (SshSessions sessions = sessions(testbed)) {
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
            System.out.printf(Locale.ROOT, "StatusBenchmark: one-shot probe (tether status): cold %.0f ms; over the pooled session median %.1f ms (min %.1f, "
                    + "max %.1f); load %s%n", coldMs, warm.get(warm.size() / 2), warm.get(0), warm.get(warm.size() - 1),
                    ProcessTreeCpu.load());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
