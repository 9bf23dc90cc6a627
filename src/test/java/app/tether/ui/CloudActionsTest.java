package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
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
import app.tether.workflow.ActionGuard;
import app.tether.workflow.Lifecycle;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle buttons' view model over the provider SPI: what is enabled, one action in flight per target,
 * a paid start asks first, a refused action is never sent.
 */
@ExtendWith(EnglishMessages.class)
class CloudActionsTest {
    private final ExecutorService background = BackgroundExecutors.pool("cloud-actions-test");
    private final SpaceLike provider = new SpaceLike();
    @TempDir
    Path dir;
    private CloudActions actions;
    private final TargetItem item = new TargetItem(new HfSpace("lab", "ada/lab", null, null, null, null));

    @BeforeEach
    void lifecycle() {
        actions = new CloudActions(new Lifecycle(new Providers().register(provider), new StateCache(dir.resolve("state.json")),
                new ActionGuard(), Duration.ofMillis(10)), new FxExecutors(background, Runnable::run));
    }

    /** The window shows {@code state} and the provider reports it too. */
    private void given(TargetState state, String hardware) {
        provider.now = live(state, hardware);
        item.applyLive(provider.now);
    }

    @AfterEach
    void stopThreads() {
        provider.release.countDown();
        background.shutdownNow();
    }

    @Test
    void offersTheKindsActionsInAFixedOrderAndEnablesWhatTheStateAllows() {
        given(TargetState.PAUSED, "t4-small");
        assertEquals(List.of(TargetAction.START, TargetAction.PAUSE, TargetAction.RESTART, TargetAction.FACTORY_RESTART),
                actions.supported(item), "a Space's stop is its pause: one button");
        assertTrue(actions.allowed(item, TargetAction.START));
        assertFalse(actions.allowed(item, TargetAction.PAUSE), "already paused");

        given(TargetState.STARTING, "t4-small");
        assertFalse(actions.allowed(item, TargetAction.START), "a second start while starting");
        assertTrue(actions.allowed(item, TargetAction.PAUSE));
    }

    @Test
    void aStartIsFollowedUntilTheTargetRuns() throws Exception {
        given(TargetState.PAUSED, "cpu-basic");
        LiveState after = actions.perform(item, TargetAction.START, (i, s) -> true).get(5, TimeUnit.SECONDS);
        assertEquals(TargetState.RUNNING, after.state());
        assertEquals(TargetState.RUNNING, item.state());
    }

    @Test
    void aSecondClickWhileTheFirstIsInFlightSendsNothing() throws Exception {
        given(TargetState.RUNNING, "cpu-basic");
        provider.release = new CountDownLatch(1);
        CompletableFuture<LiveState> first = actions.perform(item, TargetAction.PAUSE, (i, s) -> true);
        assertTrue(provider.entered.await(5, TimeUnit.SECONDS));
        assertTrue(actions.busy(item));
        assertFalse(actions.allowed(item, TargetAction.RESTART), "every button is off while one action runs");

        CompletableFuture<LiveState> second = actions.perform(item, TargetAction.PAUSE, (i, s) -> true);
        assertTrue(second.isDone());
        assertNull(second.get());

        provider.release.countDown();
        assertEquals(TargetState.PAUSED, first.get(5, TimeUnit.SECONDS).state());
        assertEquals(List.of(TargetAction.PAUSE), provider.sent);
        assertEquals(TargetState.PAUSED, item.state());
        assertEquals("PAUSED", item.liveProperty().get().stage());
        assertFalse(actions.busy(item));
    }

    @Test
    void aPaidStartAsksFirstAndSendsNothingWhenDeclined() throws Exception {
        given(TargetState.PAUSED, "t4-small");
        List<String> asked = new ArrayList<>();
        assertNull(actions.perform(item, TargetAction.START, (i, s) -> {
            asked.add(i.name() + " " + s.pricePerHour());
            return false;
        }).get(5, TimeUnit.SECONDS));
        assertEquals(List.of("lab 0.60"), asked);
        assertEquals(List.of(), provider.sent);

        assertEquals(TargetState.RUNNING, actions.perform(item, TargetAction.START, (i, s) -> true)
                .get(5, TimeUnit.SECONDS).state());
        assertEquals(List.of(TargetAction.START), provider.sent);
    }

    @Test
    void aFreeStartDoesNotAsk() throws Exception {
        given(TargetState.PAUSED, "cpu-basic");
        actions.perform(item, TargetAction.START, (i, s) -> {
            throw new AssertionError("asked about a free start");
        }).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(TargetAction.START), provider.sent);
    }

    @Test
    void anActionTheStateDoesNotAllowIsRefusedUnsent() {
        given(TargetState.PAUSED, "t4-small");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> actions.perform(item, TargetAction.PAUSE, (i, s) -> true).get());
        assertEquals("Pause is not possible for \"lab\" while it is Paused.", refused.getCause().getLocalizedMessage());
        assertEquals(List.of(), provider.sent);
    }

    @Test
    void aRefusalByTheApiReachesTheCallerAndFreesTheButtons() {
        given(TargetState.RUNNING, "t4-small");
        provider.refuse = true;
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> actions.perform(item, TargetAction.RESTART, (i, s) -> true).get(5, TimeUnit.SECONDS));
        assertSame(SpaceLike.REFUSAL, failed.getCause());
        assertFalse(actions.busy(item));
        assertEquals(TargetState.RUNNING, item.state());
    }

    private static LiveState live(TargetState state, String hardware) {
        BigDecimal price = "cpu-basic".equals(hardware) ? BigDecimal.ZERO : new BigDecimal("0.60");
        return new LiveState(state, state.name(), hardware, price, null, null);
    }

    /**
     * A provider shaped like the Spaces one (start, stop, restart, factory reboot; paid unless free), answering
     * from memory; it stands in for the SPI's other side, which these tests do not cover.
     */
    private static final class SpaceLike implements Provider<HfSpace> {
        static final TetherException REFUSAL = new TetherException(ErrorCode.AUTH_FAILED, "ui.cloud.interrupted", "lab");
        final List<TargetAction> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(0);
        volatile boolean refuse;
        volatile LiveState now = LiveState.unknown();

        @Override
        public TargetKind kind() {
            return TargetKind.HF_SPACE;
        }

        @Override
        public Class<HfSpace> targetType() {
            return HfSpace.class;
        }

        @Override
        public Map<String, LiveState> observe(List<HfSpace> targets) {
            LiveState seen = now;
            if (seen.state() == TargetState.STARTING) {
                now = new LiveState(TargetState.RUNNING, "RUNNING", seen.hardware(), seen.pricePerHour(), null, null);
            }
            return Map.of(targets.get(0).name(), seen);
        }

        @Override
        public Set<TargetAction> supported(HfSpace target) {
            return EnumSet.of(TargetAction.FACTORY_RESTART, TargetAction.START, TargetAction.STOP, TargetAction.PAUSE,
                    TargetAction.RESTART);
        }

        @Override
        public boolean paid(HfSpace target, LiveState state) {
            return state.pricePerHour() != null && state.pricePerHour().signum() > 0;
        }

        @Override
        public LiveState perform(HfSpace target, TargetAction action, Progress progress) throws InterruptedException {
            entered.countDown();
            release.await();
            if (refuse) {
                throw REFUSAL;
            }
            sent.add(action);
            TargetState next = action == TargetAction.PAUSE || action == TargetAction.STOP ? TargetState.PAUSED
                    : TargetState.STARTING;
            now = new LiveState(next, next.name(), now.hardware(), now.pricePerHour(), null, null);
            return now;
        }

        @Override
        public NotebookAccess access(HfSpace target, Progress progress) {
            throw new UnsupportedOperationException();
        }
    }
}
