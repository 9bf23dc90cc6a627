package app.tether.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.ErrorCode;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.HfSpace;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.Provider;
import app.tether.providers.Providers;
import app.tether.providers.StateCache;
import app.tether.providers.TargetAction;
import app.tether.testing.EnglishMessages;
import app.tether.testing.RecordingProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked lifecycle against a scripted provider (a provider of the SPI that plays back states, not a mock
 * of any client): unsupported and not-permitted actions are never sent, a second start in flight does nothing,
 * and --wait follows the state to the goal.
 */
@ExtendWith(EnglishMessages.class)
class LifecycleTest {
    @TempDir
    Path dir;

    private final HfSpace target = new HfSpace("vm", "me/vm", null, null, null, null);

    @Test
    void anActionTheKindDoesNotSupportIsAUsageErrorAndNothingIsSent() throws Exception {
        Scripted provider = new Scripted(EnumSet.of(TargetAction.START, TargetAction.STOP), TargetState.RUNNING);
        TetherException failure = assertThrows(TetherException.class,
                () -> lifecycle(provider).perform(target, TargetAction.PAUSE, false, Progress.NONE));
        assertEquals(ErrorCode.USAGE, failure.code());
        assertEquals("Hugging Face Spaces cannot Pause (\"vm\").", failure.getLocalizedMessage());
        assertEquals(List.of(), provider.sent);
    }

    @Test
    void anActionTheStateDoesNotPermitIsRefusedBeforeSending() {
        Scripted provider = new Scripted(EnumSet.of(TargetAction.START), TargetState.RUNNING);
        TetherException failure = assertThrows(TetherException.class,
                () -> lifecycle(provider).perform(target, TargetAction.START, false, Progress.NONE));
        assertEquals(ErrorCode.INVALID, failure.code());
        assertEquals("Cannot Start \"vm\" now: it is running. Nothing was sent.", failure.getLocalizedMessage());
        assertEquals(List.of(), provider.sent);
    }

    @Test
    void waitFollowsTheStateToRunningWithALinePerChangeAndRecordsIt() throws Exception {
        Scripted provider = new Scripted(EnumSet.of(TargetAction.START), TargetState.STOPPED);
        provider.afterSend(TargetState.STARTING, TargetState.STARTING, TargetState.STARTING, TargetState.RUNNING);
        RecordingProgress progress = new RecordingProgress();
        Lifecycle lifecycle = lifecycle(provider);
        Optional<LiveState> reached = lifecycle.perform(target, TargetAction.START, true, progress);
        assertEquals(TargetState.RUNNING, reached.orElseThrow().state());
        assertEquals(List.of(TargetAction.START), provider.sent);
        assertEquals(List.of("vm: starting", "vm: running"),
                progress.lines());
        assertEquals(TargetState.RUNNING, lifecycle.cache().get("vm").orElseThrow().state());
    }

    @Test
    void anErrorStateWhileWaitingFailsWithTheProvidersMessage() {
        Scripted provider = new Scripted(EnumSet.of(TargetAction.START), TargetState.STOPPED);
        provider.afterSend(TargetState.STARTING, TargetState.ERROR);
        TetherException failure = assertThrows(TetherException.class,
                () -> lifecycle(provider).perform(target, TargetAction.START, true, Progress.NONE));
        assertEquals(ErrorCode.REMOTE_FAILED, failure.code());
        assertTrue(failure.getLocalizedMessage().endsWith("failed: error: broken"), failure.getLocalizedMessage());
    }

    @Test
    void aSecondStartWhileTheFirstIsInFlightSendsNothing() throws Exception {
        Scripted provider = new Scripted(EnumSet.of(TargetAction.START), TargetState.STOPPED);
        provider.hold = new CountDownLatch(1);
        Lifecycle lifecycle = lifecycle(provider);
        List<Object> results = new ArrayList<>();
        Thread first = new Thread(() -> {
            try {
                results.add(lifecycle.perform(target, TargetAction.START, false, Progress.NONE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        first.start();
        assertTrue(provider.sending.await(10, TimeUnit.SECONDS));
        RecordingProgress progress = new RecordingProgress();
        assertEquals(Optional.empty(), lifecycle.perform(target, TargetAction.START, false, progress));
        assertEquals(List.of("\"vm\" is already busy (start); nothing more was sent."), progress.lines());
        assertEquals(Set.of(), lifecycle.allowed(target, LiveState.of(TargetState.STOPPED)));
        provider.hold.countDown();
        first.join(10_000);
        assertEquals(List.of(TargetAction.START), provider.sent);
        assertTrue(((Optional<?>) results.get(0)).isPresent());
        assertEquals(Set.of(TargetAction.START), lifecycle.allowed(target, LiveState.of(TargetState.STOPPED)));
    }

    private Lifecycle lifecycle(Scripted provider) {
        return new Lifecycle(new Providers().register(provider), new StateCache(dir.resolve("state.json")),
                new ActionGuard(), Duration.ofMillis(10));
    }

    /** Plays back a state per observe; what was sent is recorded. */
    private static final class Scripted implements Provider<HfSpace> {
        final Set<TargetAction> supported;
        final Deque<TargetState> script = new ArrayDeque<>();
        final List<TargetAction> sent = new ArrayList<>();
        final CountDownLatch sending = new CountDownLatch(1);
        TargetState current;
        CountDownLatch hold;

        Scripted(Set<TargetAction> supported, TargetState initial) {
            this.supported = supported;
            this.current = initial;
        }

        void afterSend(TargetState... states) {
            script.addAll(List.of(states));
        }

        @Override
        public TargetKind kind() {
            return TargetKind.HF_SPACE;
        }

        @Override
        public Class<HfSpace> targetType() {
            return HfSpace.class;
        }

        @Override
        public synchronized Map<String, LiveState> observe(List<HfSpace> targets) {
            if (!sent.isEmpty() && !script.isEmpty()) {
                current = script.pollFirst();
            }
            return Map.of("vm", state(current));
        }

        private static LiveState state(TargetState state) {
            return new LiveState(state, state.name(), null, null, state == TargetState.ERROR ? "broken" : null, null);
        }

        @Override
        public Set<TargetAction> supported(HfSpace target) {
            return supported;
        }

        @Override
        public boolean paid(HfSpace target, LiveState state) {
            return true;
        }

        @Override
        public LiveState perform(HfSpace target, TargetAction action, Progress progress)
                throws InterruptedException {
            sending.countDown();
            if (hold != null) {
                hold.await(10, TimeUnit.SECONDS);
            }
            synchronized (this) {
                sent.add(action);
                return state(script.isEmpty() ? current : script.peekFirst());
            }
        }

        @Override
        public NotebookAccess access(HfSpace target, Progress progress) {
            throw new UnsupportedOperationException();
        }
    }
}
