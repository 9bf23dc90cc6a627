package app.tether.ui;

import app.tether.watch.EventResponses;
import java.util.function.Consumer;

/**
 * The window's answers to notices: Open shows the window on the target; keep running, pause now and restart go to
 * the watchers that own those decisions (the idle watcher, the preemption watcher), given by the app.
 */
final class AppResponses implements EventResponses {
    private final Consumer<String> showTarget;
    private final EventResponses watchers;

    /**
     * @param showTarget shows the window with a target selected (runs on the FX thread)
     * @param watchers   where the other answers go
     */
    AppResponses(Consumer<String> showTarget, EventResponses watchers) {
        this.showTarget = showTarget;
        this.watchers = watchers;
    }

    @Override
    public void keepRunning(String target) {
        watchers.keepRunning(target);
    }

    @Override
    public void pauseNow(String target) {
        watchers.pauseNow(target);
    }

    @Override
    public void restart(String target) {
        watchers.restart(target);
    }

    @Override
    public void open(String target) {
        FxExecutors.FX.execute(() -> showTarget.accept(target));
    }
}
