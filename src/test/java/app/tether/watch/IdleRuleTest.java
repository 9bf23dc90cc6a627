package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.TetherException;
import app.tether.core.ErrorCode;
import app.tether.inventory.HfSpace;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.testing.EnglishMessages;
import app.tether.testing.ManualClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle rule with a controllable clock and scripted signals: when the countdown starts, how it counts down,
 * what calls it off (activity, "Keep running", the target stopping), what pauses, and how unreported signals count.
 */
@ExtendWith(EnglishMessages.class)
class IdleRuleTest {
    private static final HfSpace SPACE = new HfSpace("lab", "alice/lab", null, null, null, null);
    private static final LiveState PAID_RUNNING = new LiveState(TargetState.RUNNING, "RUNNING", "t4-small",
            new BigDecimal("0.40"), null, Instant.EPOCH);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> paused = new ArrayList<>();
    private volatile List<IdleSignal> signals;
    private IdleSettingsStore store;
    private IdleRule rule;

    @BeforeEach
    void setUp() {
        store = new IdleSettingsStore(dir.resolve("idle.json"));
        signals = List.of(gpu(IdleSignal.Reading.CANNOT_REPORT), kernels(IdleSignal.Reading.IDLE),
                connections(IdleSignal.Reading.IDLE));
        rule = new IdleRule(store, (target, state, settings) -> signals, target -> {
            paused.add(target.name());
            return LiveState.of(TargetState.PAUSED);
        }, events::add, clock, BackgroundExecutors.direct());
    }

    private static IdleSignal gpu(IdleSignal.Reading reading) {
        return new IdleSignal(IdleSignal.Source.GPU, reading, "gpu");
    }

    private static IdleSignal kernels(IdleSignal.Reading reading) {
        return new IdleSignal(IdleSignal.Source.KERNELS, reading, "kernels " + reading);
    }

    private static IdleSignal connections(IdleSignal.Reading reading) {
        return new IdleSignal(IdleSignal.Source.CONNECTIONS, reading, "connections " + reading);
    }

    /** Observes the target every 30 s for {@code minutes}, ticking the countdown as the guard does. */
    private void observeFor(int minutes) {
        for (int i = 0; i < minutes * 2; i++) {
            clock.advance(Duration.ofSeconds(30));
            rule.observed(SPACE, PAID_RUNNING);
            rule.tick();
        }
    }

    private List<WatchEvent.Type> types() {
        return events.stream().map(WatchEvent::type).toList();
    }

    @Test
    void aPaidTargetIdleForThirtyMinutesGetsTheCountdownAndIsPausedWhenItEnds() {
        rule.observed(SPACE, PAID_RUNNING);
        observeFor(29);
        assertEquals(List.of(), events, "not yet: 29 minutes");
        observeFor(1);
        assertEquals(List.of(WatchEvent.Type.IDLE_PAUSE_PENDING), types());
        assertEquals("lab has been idle for 30 min: Tether pauses it in 5 min unless you keep it running.",
                events.get(0).message());
        Instant pauseAt = rule.status("lab").orElseThrow().pauseAt();
        assertEquals(clock.instant().plus(IdleRule.COUNTDOWN), pauseAt);

        observeFor(4);
        assertEquals(List.of("Pausing idle lab in 4 min unless you keep it running.",
                "Pausing idle lab in 3 min unless you keep it running.",
                "Pausing idle lab in 2 min unless you keep it running.",
                "Pausing idle lab in 1 min unless you keep it running."),
                events.subList(1, events.size()).stream().map(WatchEvent::message).toList());
        assertEquals(List.of(), paused);
        observeFor(1);
        assertEquals(List.of("lab"), paused);
        WatchEvent last = events.get(events.size() - 1);
        assertEquals(WatchEvent.Type.PAUSED_BY_TETHER, last.type());
        assertEquals(TargetState.PAUSED, last.state());
        assertEquals("Tether paused lab: it was idle for 30 min and nobody asked to keep it running.", last.message());
        assertNull(rule.status("lab").orElseThrow().pauseAt());
    }

    @Test
    void activityCallsTheCountdownOffAndTheIdleWindowStartsAgain() {
        rule.observed(SPACE, PAID_RUNNING);
        observeFor(31);
        assertEquals(WatchEvent.Type.IDLE_PAUSE_PENDING, events.get(0).type());
        signals = List.of(gpu(IdleSignal.Reading.CANNOT_REPORT), kernels(IdleSignal.Reading.BUSY),
                connections(IdleSignal.Reading.IDLE));
        observeFor(1);
        WatchEvent cancelled = events.get(events.size() - 1);
        assertEquals(WatchEvent.Type.IDLE_PAUSE_CANCELLED, cancelled.type());
        assertEquals("lab is busy again (kernels BUSY): the idle pause is called off.", cancelled.message());
        signals = List.of(gpu(IdleSignal.Reading.CANNOT_REPORT), kernels(IdleSignal.Reading.IDLE),
                connections(IdleSignal.Reading.IDLE));
        int before = events.size();
        observeFor(20);
        assertEquals(before, events.size(), "a new 30-minute window, not the rest of the old one");
        observeFor(11);
        assertEquals(WatchEvent.Type.IDLE_PAUSE_PENDING, events.get(before).type());
        assertEquals(List.of(), paused);
    }

    @Test
    void keepRunningCallsTheCountdownOffAndRestartsTheWindow() {
        rule.observed(SPACE, PAID_RUNNING);
        observeFor(31);
        rule.keepRunning("lab");
        assertEquals(WatchEvent.Type.IDLE_PAUSE_CANCELLED, events.get(events.size() - 1).type());
        assertEquals("lab keeps running: the idle pause is called off until it has been idle for 30 min again.",
                events.get(events.size() - 1).message());
        int before = events.size();
        observeFor(29);
        assertEquals(before, events.size());
        assertEquals(List.of(), paused);
        observeFor(2);
        assertEquals(WatchEvent.Type.IDLE_PAUSE_PENDING, events.get(before).type());
    }

    @Test
    void aTargetStoppedDuringTheCountdownIsNotPaused() {
        rule.observed(SPACE, PAID_RUNNING);
        observeFor(31);
        clock.advance(Duration.ofSeconds(30));
        rule.observed(SPACE, PAID_RUNNING.withState(TargetState.PAUSED));
        assertEquals("lab is paused now: the idle pause is called off.", events.get(events.size() - 1).message());
        clock.advance(Duration.ofMinutes(10));
        rule.tick();
        assertEquals(List.of(), paused);
    }

    @Test
    void signalsThatCannotReportNeverMakeIdleAlone() {
        signals = List.of(gpu(IdleSignal.Reading.CANNOT_REPORT), kernels(IdleSignal.Reading.CANNOT_REPORT),
                connections(IdleSignal.Reading.CANNOT_REPORT));
        rule.observed(SPACE, PAID_RUNNING);
        observeFor(120);
        assertEquals(List.of(), events);
        assertNull(rule.status("lab").orElseThrow().idleSince());
        assertTrue(!IdleStatus.idle(signals));
        assertTrue(IdleStatus.idle(List.of(gpu(IdleSignal.Reading.CANNOT_REPORT), kernels(IdleSignal.Reading.IDLE))));
    }

    @Test
    void aGapInTheReadingsStartsTheWindowAgain() {
        rule.observed(SPACE, PAID_RUNNING);
        observeFor(20);
        clock.advance(Duration.ofMinutes(15)); // Tether was not looking (laptop asleep, API down)
        observeFor(20);
        assertEquals(List.of(), events, "the window starts at the first reading after the gap");
        observeFor(10);
        assertEquals(List.of(), events);
        observeFor(1);
        assertEquals(WatchEvent.Type.IDLE_PAUSE_PENDING, events.get(0).type());
    }

    @Test
    void theSettingsDecideWhetherAndWhenAndAFailedPauseIsSaid() throws Exception {
        SshServer box = SshServer.ofHost("box", "example.org", null, null, null, null);
        assertEquals(IdleSettings.defaults(false), store.effective(box, LiveState.of(TargetState.ONLINE)));
        assertEquals(IdleSettings.defaults(true), store.effective(SPACE, PAID_RUNNING));
        LiveState free = new LiveState(TargetState.RUNNING, "RUNNING", "cpu-basic", BigDecimal.ZERO, null, null);
        assertEquals(IdleSettings.defaults(false), store.effective(SPACE, free));

        store.update("lab", store.effective(SPACE, PAID_RUNNING), s -> s.withMinutes(10).withThreshold(20));
        assertEquals(new IdleSettings(true, 20, 10), store.effective(SPACE, free), "chosen beats the default");
        rule = new IdleRule(store, (target, state, settings) -> signals, target -> {
            throw new TetherException(ErrorCode.CANNOT_CONNECT, "error.unexpected", "the Hub is down");
        }, events::add, clock, BackgroundExecutors.direct());
        rule.observed(SPACE, PAID_RUNNING);
        observeFor(10);
        assertEquals(List.of(WatchEvent.Type.IDLE_PAUSE_PENDING), types());
        observeFor(5);
        WatchEvent failed = events.get(events.size() - 1);
        assertEquals(WatchEvent.Type.IDLE_PAUSE_CANCELLED, failed.type());
        assertTrue(failed.message().startsWith("Tether could not pause idle lab: "), failed.message());

        store.update("lab", IdleSettings.defaults(true), s -> s.withEnabled(false));
        int before = events.size();
        observeFor(60);
        assertEquals(before, events.size());
    }
}
