package app.tether.providers;

import app.tether.core.Progress;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of target (ssh, hf, gce, cnb): its live state, the actions it supports, and the way in to its
 * notebook. Implementations speak to their API with timeouts on every call and never prompt; failures are
 * {@link app.tether.core.TetherException}s (CANNOT_CONNECT / AUTH_FAILED for an unreachable or refusing
 * API, with the API's own message).
 */
public interface Provider<T extends Target> {
    TargetKind kind();

    Class<T> targetType();

    /**
     * The live state of {@code targets} (all of this kind), keyed by target name. One request per account
     * per round where the API allows it, not one per target. A target missing from the result is unknown.
     */
    Map<String, LiveState> observe(List<T> targets) throws InterruptedException;

    /** How often {@link #observe} should be called while the window is visible (cloud APIs: slower than SSH). */
    default Duration pollInterval() {
        return Duration.ofSeconds(15);
    }

    /**
     * How soon to observe again after a round that saw {@code lastRound} (by target name): {@link #pollInterval()}
     * by default; a kind may ask sooner while a target is changing, so that a short change (a Space's 10 s build)
     * is seen rather than slept through.
     */
    default Duration pollInterval(Map<String, LiveState> lastRound) {
        return pollInterval();
    }

    /**
     * When the target's current run began by the provider's own record (GCE: {@code lastStartTimestamp}; CNB: the
     * running workspace's creation), as of this provider's last {@link #observe} of it while it ran; empty where
     * the provider keeps no such record or has not seen it running. The spend ledger starts a run there rather than
     * at the first observation.
     */
    default java.util.Optional<java.time.Instant> startedAt(T target) {
        return java.util.Optional.empty();
    }

    /**
     * What an hour of {@code target} costs by the provider's own price list, in its currency, for the question
     * before a paid start when the live state has no USD price (CNB prices core-hours in CNY); empty by default.
     */
    default java.util.Optional<ListPrice> listPrice(T target) {
        return java.util.Optional.empty();
    }

    /** The actions this kind supports for this target at all, whatever its state. */
    Set<TargetAction> supported(T target);

    /** The actions allowed now: the supported ones that the state permits ({@link TargetAction#permittedIn}). */
    default Set<TargetAction> allowed(T target, LiveState state) {
        return TargetAction.permittedIn(state.state(), supported(target));
    }

    /** Whether keeping this target running costs money (Connect asks before starting it). */
    boolean paid(T target, LiveState state);

    /**
     * Sends {@code action} (already checked against {@link #allowed}) and returns the state right after the
     * API accepted it; it does not wait for the target to get there (the Lifecycle workflow does).
     */
    LiveState perform(T target, TargetAction action, Progress progress) throws InterruptedException;

    /** How the notebook of a running target is reached: over SSH or over HTTPS with credentials. */
    NotebookAccess access(T target, Progress progress) throws InterruptedException;

    /**
     * The SSH server that reaches a running target, for commands that work on it directly ({@code tether jupyter
     * …}); empty when this kind is not reached over SSH. Starts nothing and, unlike {@link #access}, sets nothing
     * up on it.
     */
    default java.util.Optional<app.tether.inventory.SshServer> sshServer(T target, Progress progress)
            throws InterruptedException {
        return access(target, progress) instanceof NotebookAccess.OverSsh ssh
                ? java.util.Optional.of(ssh.server()) : java.util.Optional.empty();
    }
}
