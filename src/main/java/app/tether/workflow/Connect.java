package app.tether.workflow;

import app.tether.core.ErrorCode;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.handoff.NotebookUrl;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.Provider;
import app.tether.providers.TargetAction;

/**
 * Connect, the same for every kind: ensure the target is started (asking first when that costs money),
 * wait until it runs with progress, reach its notebook (over SSH or through a local HTTPS forwarder) and give
 * the address to open. Kinds that Tether does not start (SSH servers) go straight to reaching. Blocking: run it
 * off the FX thread. The window and {@code tether open} both call {@link #connect}.
 */
public final class Connect {
    private final Lifecycle lifecycle;
    private final NotebookReach reach;

    public Connect(Lifecycle lifecycle, NotebookReach reach) {
        this.lifecycle = lifecycle;
        this.reach = reach;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public NotebookReach reach() {
        return reach;
    }

    public NotebookUrl connect(Target target, Consent consent, Progress progress) throws InterruptedException {
        Provider<Target> provider = lifecycle.providers().forTarget(target);
        if (provider.supported(target).contains(TargetAction.START)) {
            ensureRunning(target, consent, progress);
        }
        NotebookAccess access = provider.access(target, progress);
        return reach.reach(target.name(), access, progress);
    }

    private void ensureRunning(Target target, Consent consent, Progress progress) throws InterruptedException {
        LiveState state = lifecycle.observe(target);
        if (Goal.RUNNING.reachedBy(state.state())) {
            return;
        }
        boolean alreadyStarting = state.state() == TargetState.STARTING
                || lifecycle.guard().inFlight(target.name()).isPresent();
        if (!alreadyStarting) {
            if (lifecycle.paid(target, state) && !consent.startPaid(target, state)) {
                throw new TetherException(ErrorCode.FAILURE, "connect.declined", target.name());
            }
            lifecycle.perform(target, TargetAction.START, false, progress);
        }
        lifecycle.await(target, Goal.RUNNING, Lifecycle.DEFAULT_WAIT, progress);
    }
}
