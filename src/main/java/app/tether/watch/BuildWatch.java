package app.tether.watch;

import app.tether.core.Messages;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tells when a Hugging Face Space's build ends, from the runtime stages this process observes: a Space seen
 * BUILDING that now runs gives {@link WatchEvent.Type#BUILD_FINISHED}; one seen building or starting that now is in
 * an *_ERROR stage gives {@link WatchEvent.Type#BUILD_FAILED} with the Hub's message. The first observation of a
 * Space only sets the starting point (a Space already failed when Tether starts is not news).
 */
final class BuildWatch implements StateObserver {
    /** What this process has seen of one Space since it last settled. */
    private record Seen(String stage, boolean built, boolean starting) {
    }

    private final Consumer<WatchEvent> events;
    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    BuildWatch(Consumer<WatchEvent> events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void observed(Target target, LiveState state) {
        if (target.kind() != TargetKind.HF_SPACE || state.stage() == null) {
            return;
        }
        String stage = state.stage().toUpperCase(Locale.ROOT);
        boolean building = stage.equals("BUILDING") || stage.equals("RUNNING_BUILDING");
        boolean starting = building || stage.equals("APP_STARTING") || stage.equals("RUNNING_APP_STARTING");
        Seen before = seen.get(target.name());
        if (before == null || before.stage().equals(stage)) {
            seen.put(target.name(), new Seen(stage, before != null && before.built() || building,
                    before != null && before.starting() || starting));
            return;
        }
        if (stage.equals("RUNNING") && before.built()) {
            emit(target, WatchEvent.Type.BUILD_FINISHED, TargetState.RUNNING,
                    Messages.get("watch.event.buildFinished", target.name()));
        } else if (stage.endsWith("_ERROR") && before.starting()) {
            String why = state.message() == null || state.message().isBlank() ? stage : state.message();
            emit(target, WatchEvent.Type.BUILD_FAILED, TargetState.ERROR,
                    Messages.get("watch.event.buildFailed", target.name(), stage, why));
        }
        boolean settled = !starting;
        seen.put(target.name(), new Seen(stage, !settled && (before.built() || building), !settled));
    }

    private void emit(Target target, WatchEvent.Type type, TargetState state, String message) {
        events.accept(new WatchEvent(clock.instant(), target.name(), type, state, message));
    }
}
