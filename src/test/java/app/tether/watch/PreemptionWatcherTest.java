package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Progress;
import app.tether.inventory.GceInstance;
import app.tether.inventory.PreemptionRestart;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.Provider;
import app.tether.providers.ProviderPolls;
import app.tether.providers.Providers;
import app.tether.providers.StateCache;
import app.tether.providers.TargetAction;
import app.tether.testing.EnglishMessages;
import app.tether.workflow.ActionGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart whose start is answered while the VM still stages waits for the shared polls' rounds to see it running
 * (one asked for at once), never reading the cloud on its own; only then does it reconnect. The cloud here is a
 * scripted provider behind the provider seam (the Compute stand-in's start always ends running); Compute itself is
 * covered by PreemptionInteropTest and GceSharedPollsTest.
 */
@ExtendWith(EnglishMessages.class)
class PreemptionWatcherTest {
    @TempDir
    Path dir;

    @Test
    void aRestartStillStagingWaitsForTheSharedRoundsThatSeeItRunning() throws Exception {
        Staging cloud = new Staging();
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        List<String> reconnected = new CopyOnWriteArrayList<>();
        PreemptionWatcher<GceInstance> watcher = watcher(cloud, new ActionGuard(), events,
                (target, progress) -> reconnected.add(target.name() + " after " + cloud.state));
        preempt(watcher, cloud, events, () -> { }, WatchEvent.Type.RESTARTED);
        assertEquals(1, cloud.starts.get());
        assertEquals(List.of("nb after RUNNING"), reconnected, "reconnected once a round saw it running");
        assertTrue(cloud.rounds.get() >= 4, "running, preempted, staging, running: " + cloud.rounds);
        assertEquals(List.of(), cloud.elsewhere, "every observation came from the polls' own rounds");
        List<WatchEvent.Type> order = events.stream().map(WatchEvent::type)
                .filter(t -> t != WatchEvent.Type.STATE_CHANGED).toList();
        assertEquals(List.of(WatchEvent.Type.PREEMPTED, WatchEvent.Type.RESTARTING, WatchEvent.Type.RESTARTED), order);
    }

    @Test
    void aRestartFindingTheUsersOwnActionUnderWayLeavesTheVmToTheUser() throws Exception {
        Staging cloud = new Staging();
        ActionGuard guard = new ActionGuard();
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        PreemptionWatcher<GceInstance> watcher = watcher(cloud, guard, events, (target, progress) -> {
            throw new AssertionError("nothing to reconnect");
        });
        preempt(watcher, cloud, events, () -> assertTrue(guard.tryBegin("nb", TargetAction.STOP.id()),
                "the user stops the VM from the window"), WatchEvent.Type.RESTART_LEFT);
        assertEquals(0, cloud.starts.get(), "no start sent beside the user's stop");
        assertEquals(java.util.Optional.of("stop"), guard.inFlight("nb"), "the user's action is left as it was");
        assertEquals(List.of(WatchEvent.Type.PREEMPTED, WatchEvent.Type.RESTART_LEFT), events.stream()
                .map(WatchEvent::type).filter(t -> t != WatchEvent.Type.STATE_CHANGED).toList());
        assertEquals("nb: Tether leaves the restart to you: an action you began on it is under way.",
                events.get(events.size() - 1).message());
    }

    @Test
    void theStartIsSentHoldingTheGuardAndReleasesIt() throws Exception {
        ActionGuard guard = new ActionGuard();
        List<java.util.Optional<String>> heldDuringStart = new CopyOnWriteArrayList<>();
        Staging cloud = new Staging() {
            @Override
            public LiveState perform(GceInstance target, TargetAction action, Progress progress) {
                heldDuringStart.add(guard.inFlight(target.name()));
                return super.perform(target, action, progress);
            }
        };
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        PreemptionWatcher<GceInstance> watcher = watcher(cloud, guard, events, (target, progress) -> { });
        preempt(watcher, cloud, events, () -> { }, WatchEvent.Type.RESTARTED);
        assertEquals(List.of(java.util.Optional.of("start")), heldDuringStart, "a click meanwhile finds it busy");
        assertEquals(java.util.Optional.empty(), guard.inFlight("nb"), "released once the start was answered");
    }

    /** A watcher of one Spot VM "nb" set to restart automatically, on {@code cloud}, hearing its own polls. */
    private PreemptionWatcher<GceInstance> watcher(Staging cloud, ActionGuard guard, List<WatchEvent> events,
            PreemptionWatcher.AfterRestart<GceInstance> afterRestart) {
        ProviderPolls polls = new ProviderPolls(new Providers().register(cloud), new StateCache(dir.resolve("s.json")));
        GceInstance vm = new GceInstance("nb", "p", "z", "nb-1", List.of(), "", null, null, PreemptionRestart.AUTOMATIC);
        return new PreemptionWatcher<>(cloud, polls, guard, () -> List.of(vm), GceInstance::preemptionRestart,
                e -> false, afterRestart, events::add,
                new PreemptionWatcher.Backoff(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(30)),
                BackgroundExecutors.pool("test-restart"));
    }

    /**
     * Starts {@code watcher}, waits until it has seen the VM running, runs {@code meanwhile}, has the cloud preempt
     * the VM and waits for an event of type {@code until}; the watcher is closed in any case.
     */
    private static void preempt(PreemptionWatcher<GceInstance> watcher, Staging cloud, List<WatchEvent> events,
            Runnable meanwhile, WatchEvent.Type until) throws InterruptedException {
        try {
            watcher.start();
            await(() -> events.stream().anyMatch(e -> e.state() == TargetState.RUNNING));
            meanwhile.run();
            cloud.state = TargetState.PREEMPTED;
            await(() -> events.stream().anyMatch(e -> e.type() == until));
        } finally {
            watcher.close();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }

    /** A VM whose start is accepted while it stages: the first round after the start sees it staging, the next running. */
    private static class Staging implements Provider<GceInstance> {
        volatile TargetState state = TargetState.RUNNING;
        final AtomicInteger rounds = new AtomicInteger();
        final AtomicInteger starts = new AtomicInteger();
        final List<String> elsewhere = new CopyOnWriteArrayList<>();
        private final AtomicInteger stagingRounds = new AtomicInteger();

        @Override
        public TargetKind kind() {
            return TargetKind.GCE;
        }

        @Override
        public Class<GceInstance> targetType() {
            return GceInstance.class;
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofSeconds(2); // longer than the test waits after a start: the asked-for round counts
        }

        @Override
        public Map<String, LiveState> observe(List<GceInstance> targets) {
            rounds.incrementAndGet();
            if (!Thread.currentThread().getName().startsWith("tether-cloud-refresh-")) {
                elsewhere.add(Thread.currentThread().getName());
            }
            if (state == TargetState.STARTING && stagingRounds.incrementAndGet() > 1) {
                state = TargetState.RUNNING;
            }
            return Map.of("nb", LiveState.of(state));
        }

        @Override
        public Set<TargetAction> supported(GceInstance target) {
            return EnumSet.of(TargetAction.START, TargetAction.STOP);
        }

        @Override
        public boolean paid(GceInstance target, LiveState state) {
            return true;
        }

        @Override
        public LiveState perform(GceInstance target, TargetAction action, Progress progress) {
            starts.incrementAndGet();
            state = TargetState.STARTING;
            return LiveState.of(TargetState.STARTING);
        }

        @Override
        public NotebookAccess access(GceInstance target, Progress progress) {
            throw new AssertionError("not reached here");
        }
    }
}
