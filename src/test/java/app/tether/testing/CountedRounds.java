package app.tether.testing;

import app.tether.core.TetherException;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.providers.LiveState;
import app.tether.providers.ProviderPolls;
import app.tether.providers.ProviderRefresher;
import app.tether.watch.Guard;
import app.tether.workflow.Lifecycle;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the rounds of the process's shared cloud polls that each listener hears (the shared-polls tests). */
public final class CountedRounds {
    private CountedRounds() {
    }

    /** The guard's observations of {@code target}, counted. */
    public static AtomicInteger ofGuard(Guard guard, String target) {
        AtomicInteger rounds = new AtomicInteger();
        guard.addObserver((observed, state) -> {
            if (observed.name().equals(target)) {
                rounds.incrementAndGet();
            }
        });
        return rounds;
    }

    /**
     * Subscribes as the window's list does (every cloud kind, hidden, so not at the full rate) and counts the rounds
     * it hears in {@code rounds}.
     */
    public static ProviderPolls.Subscription asTheWindow(Lifecycle lifecycle, List<Target> targets,
            AtomicInteger rounds) {
        return lifecycle.polls().subscribe(EnumSet.complementOf(EnumSet.of(TargetKind.SSH)), () -> targets, false,
                new ProviderRefresher.Listener() {
                    @Override
                    public void observed(TargetKind kind, Map<String, LiveState> states) {
                        rounds.incrementAndGet();
                    }

                    @Override
                    public void failed(TargetKind kind, TetherException failure, Duration retryIn) {
                    }
                });
    }
}
