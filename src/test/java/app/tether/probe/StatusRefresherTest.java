package app.tether.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.SshServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scheduling of StatusRefresher with a stand-in probe function; waits are generous and nothing is timed. */
class StatusRefresherTest {
    private static final long WAIT_SECONDS = 60;

    private StatusRefresher refresher;

    @AfterEach
    void close() {
        if (refresher != null) {
            refresher.close();
        }
    }

    private static List<SshServer> servers(int count) {
        return IntStream.range(0, count).mapToObj(i -> SshServer.ofHost("gpu" + i, "10.0.0." + i, "ml", 22, null, null)).toList();
    }

    private static ServerStatus online(SshServer t, double utilization) {
        GpuSample gpu = new GpuSample(0, "NVIDIA L4", "GPU-1", utilization, null, 1000L, 4000L, 40.0, 30.0, 72.0);
        return new ServerStatus(t.name(), Instant.now(), Reachability.ONLINE, null,
                new HostFacts(t.name(), "Linux", 1, 0, 0, 0, 1, 1, 1, 1), GpuAvailability.AVAILABLE, null,
                List.of(gpu), List.of());
    }

    @Test
    void fiftyTargetsRefreshRepeatedlyWithBoundedConcurrencyAndNeverTwiceAtOnce() throws Exception {
        List<SshServer> targets = servers(50);
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> probes = new ConcurrentHashMap<>();
        CountDownLatch everyTargetThreeTimes = new CountDownLatch(targets.size());
        List<String> listenerThreads = new CopyOnWriteArrayList<>();
        Function<SshServer, ServerStatus> probe = t -> {
            if (!inFlight.add(t.name())) {
                overlaps.add(t.name());
            }
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                // a few slow servers take longer than the refresher's tick: they would be probed twice at once
                // if it did not track them; the rest are quick so a round is fast
                Thread.sleep(t.name().compareTo("gpu2") <= 0 && t.name().length() == 4 ? 600 : 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.decrementAndGet();
                inFlight.remove(t.name());
            }
            return online(t, 50);
        };
        refresher = new StatusRefresher(probe, () -> targets, status -> {
            listenerThreads.add(Thread.currentThread().getName());
            if (probes.computeIfAbsent(status.target(), n -> new AtomicInteger()).incrementAndGet() == 3) {
                everyTargetThreeTimes.countDown();
            }
        }, 4);
        refresher.setInterval(Duration.ofMillis(1));
        refresher.start();

        assertTrue(everyTargetThreeTimes.await(WAIT_SECONDS, TimeUnit.SECONDS), "probes: " + probes);
        assertEquals(List.of(), overlaps);
        assertTrue(maxConcurrent.get() <= 4, "at most 4 at once, saw " + maxConcurrent.get());
        assertTrue(listenerThreads.stream().allMatch(n -> n.startsWith("tether-status-probe-")), listenerThreads.toString());
        assertFalse(refresher.history().utilization("gpu7", 0).isEmpty());
    }

    @Test
    void fewConnectAtOnceButConnectedTargetsAreAllProbedTogether() throws Exception {
        List<SshServer> targets = servers(30);
        Set<String> connected = ConcurrentHashMap.newKeySet();
        AtomicInteger connectingNow = new AtomicInteger();
        AtomicInteger maxConnecting = new AtomicInteger();
        AtomicInteger probingNow = new AtomicInteger();
        AtomicInteger maxProbing = new AtomicInteger();
        CountDownLatch allConnected = new CountDownLatch(targets.size());
        CountDownLatch allProbingAtOnce = new CountDownLatch(targets.size());
        CountDownLatch secondRound = new CountDownLatch(targets.size());
        Function<SshServer, ServerStatus> probe = t -> {
            if (connected.add(t.name())) {
                maxConnecting.accumulateAndGet(connectingNow.incrementAndGet(), Math::max);
                sleep(20); // the handshake
                connectingNow.decrementAndGet();
                allConnected.countDown();
                return online(t, 1);
            }
            maxProbing.accumulateAndGet(probingNow.incrementAndGet(), Math::max);
            // Each waits for all the others: with fewer at once than targets this round never ends.
            allProbingAtOnce.countDown();
            await(allProbingAtOnce);
            probingNow.decrementAndGet();
            return online(t, 2);
        };
        refresher = new StatusRefresher(probe::apply, t -> connected.contains(t.name()), () -> targets, s -> {
            if (s.gpus().get(0).utilizationPercent() == 2) {
                secondRound.countDown();
            }
        }, 64, 3);
        refresher.setInterval(Duration.ofHours(1));
        refresher.start();
        assertTrue(allConnected.await(WAIT_SECONDS, TimeUnit.SECONDS), "connected: " + connected.size());
        assertTrue(maxConnecting.get() <= 3, "at most 3 connecting at once, saw " + maxConnecting.get());
        targets.forEach(t -> refresher.refreshNow(t.name()));
        assertTrue(secondRound.await(WAIT_SECONDS, TimeUnit.SECONDS), "second round: " + secondRound.getCount() + " left");
        assertEquals(targets.size(), maxProbing.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void refreshNowProbesAgainAtOnceEvenWithALongInterval() throws Exception {
        SshServer target = servers(1).get(0);
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        refresher = new StatusRefresher(t -> online(t, 10), () -> List.of(target), s -> {
            first.countDown();
            second.countDown();
        }, 2);
        refresher.setInterval(Duration.ofHours(1));
        refresher.start();
        assertTrue(first.await(WAIT_SECONDS, TimeUnit.SECONDS));
        refresher.refreshNow(target.name());
        assertTrue(second.await(WAIT_SECONDS, TimeUnit.SECONDS), "refreshNow did not probe within a minute");
    }

    @Test
    void refreshNowDuringAProbeRunsOneMoreRightAfterIt() throws Exception {
        SshServer target = servers(1).get(0);
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch twoStatuses = new CountDownLatch(2);
        refresher = new StatusRefresher(t -> {
            if (calls.incrementAndGet() == 1) {
                probing.countDown();
                await(release);
            }
            return online(t, 1);
        }, () -> List.of(target), s -> twoStatuses.countDown(), 2);
        refresher.setInterval(Duration.ofHours(1));
        refresher.start();
        assertTrue(probing.await(WAIT_SECONDS, TimeUnit.SECONDS));
        refresher.refreshNow(target.name());
        release.countDown();
        assertTrue(twoStatuses.await(WAIT_SECONDS, TimeUnit.SECONDS), "no second probe after refreshNow");
    }

    @Test
    void aProbeThatThrowsBecomesAnOfflineStatusAndRefreshingGoesOn() throws Exception {
        List<SshServer> targets = servers(2);
        List<ServerStatus> statuses = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        refresher = new StatusRefresher(t -> {
            if (t.name().equals("gpu0")) {
                throw new IllegalStateException("boom");
            }
            return online(t, 5);
        }, () -> targets, s -> {
            statuses.add(s);
            both.countDown();
        }, 2);
        refresher.start();
        assertTrue(both.await(WAIT_SECONDS, TimeUnit.SECONDS));
        ServerStatus failed = statuses.stream().filter(s -> s.target().equals("gpu0")).findFirst().orElseThrow();
        assertEquals(Reachability.OFFLINE, failed.reachability());
        assertTrue(failed.error().contains("boom"), failed.error());
        assertTrue(statuses.stream().anyMatch(s -> s.target().equals("gpu1") && s.online()));
    }

    @Test
    void closeStopsEveryThreadAndNoStatusFollows() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch afterClose = new CountDownLatch(1);
        refresher = new StatusRefresher(t -> online(t, 1), () -> servers(3), s -> {
            first.countDown();
            if (closed.get()) {
                afterClose.countDown();
            }
        }, 2);
        refresher.setInterval(Duration.ofMillis(1));
        refresher.start();
        assertTrue(first.await(WAIT_SECONDS, TimeUnit.SECONDS));
        refresher.close();
        assertTrue(refresher.awaitTermination(Duration.ofSeconds(WAIT_SECONDS)));
        closed.set(true);
        refresher.refreshNow("gpu0");
        refresher.start();
        // Statuses come on other threads: give a wrongly scheduled probe time to report (it never may).
        assertFalse(afterClose.await(2, TimeUnit.SECONDS), "a status was reported after close()");
    }

    @Test
    void backoffDoublesPerFailureUpToTheCap() {
        Duration five = Duration.ofSeconds(5);
        assertEquals(five, StatusRefresher.nextDelay(five, true, 0));
        assertEquals(Duration.ofSeconds(10), StatusRefresher.nextDelay(five, true, 1));
        assertEquals(Duration.ofSeconds(40), StatusRefresher.nextDelay(five, true, 3));
        assertEquals(StatusRefresher.MAX_BACKOFF, StatusRefresher.nextDelay(five, true, 7));
        assertEquals(StatusRefresher.MAX_BACKOFF, StatusRefresher.nextDelay(five, true, 10_000));
        // an interval longer than the cap is never shortened by failures
        assertEquals(Duration.ofMinutes(20), StatusRefresher.nextDelay(Duration.ofMinutes(20), true, 3));
    }

    @Test
    void aHiddenWindowRefreshesSixTimesSlower() {
        assertEquals(Duration.ofSeconds(30), StatusRefresher.nextDelay(Duration.ofSeconds(5), false, 0));
        assertEquals(Duration.ofSeconds(60), StatusRefresher.nextDelay(Duration.ofSeconds(5), false, 1));
        refresher = new StatusRefresher(t -> null, List::of, s -> { }, 1);
        assertEquals(Duration.ofSeconds(5), refresher.interval());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
