package app.tether.watch;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.GceInstance;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.LiveState;
import app.tether.providers.Provider;
import app.tether.providers.ProviderPolls;
import app.tether.providers.ProviderRefresher;
import app.tether.providers.Providers;
import app.tether.providers.TargetAction;
import app.tether.providers.cnb.CnbEndWatch;
import app.tether.providers.cnb.CnbProvider;
import app.tether.providers.gce.GceOperationFailure;
import app.tether.providers.gce.GceProvider;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.TunnelService;
import app.tether.workflow.Lifecycle;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Puts the standard guard together: every kind, GCE's preemption watcher and CNB's end-of-workspace watch. */
public final class Guards {
    /** The actions whose closing of a CNB workspace is no recycling. */
    private static final Set<String> STOPS = Set.of(TargetAction.STOP.id(), TargetAction.RESTART.id());

    private Guards() {
    }

    /** What the guard runs with in this process (the window's or {@code tether watch}'s). */
    public record Parts(Environment environment, Lifecycle lifecycle, Supplier<SshSessions> sessions,
            TunnelService tunnels, HttpForwards forwards, Supplier<List<Target>> targets) {
    }

    /**
     * A guard of {@code named} (empty: every target) publishing into {@code events}; not started.
     *
     * @param open what the "Open" answer does
     */
    public static Guard standard(Parts parts, Set<String> named, Consumer<WatchEvent> events, Consumer<String> open) {
        Providers providers = parts.lifecycle().providers();
        Guard guard = new Guard(parts.lifecycle(), parts.targets(), named, IdleSettingsStore.in(parts.environment()),
                new StandardIdleSignals(providers, parts.sessions(), parts.tunnels(), parts.forwards(),
                        new JupyterSecrets(parts.environment())),
                events, Clock.systemUTC(), BackgroundExecutors.scheduler("guard", 1),
                BackgroundExecutors.pool("guard-action"), open);
        guard.addObserver(new app.tether.watch.spend.SpendObserver(parts.environment(), Clock.systemDefaultZone(),
                events, parts.lifecycle()));
        if (providers.has(TargetKind.GCE)) {
            guard.addWatcher(preemption(parts, named, events));
        }
        if (providers.has(TargetKind.CNB)) {
            guard.addWatcher(workspaceEnds(parts, named, events));
            guard.stopSafety(cnbUnpushedWork(parts));
        }
        return guard;
    }

    /**
     * CNB: closing a workspace discards the container, so Tether stops one on its own only when the workspace's
     * folder was checked over SSH and holds nothing uncommitted or unpushed.
     */
    static StopSafety cnbUnpushedWork(Parts parts) {
        return target -> {
            if (!(target instanceof CnbWorkspace workspace)) {
                return java.util.Optional.empty();
            }
            CnbProvider provider = (CnbProvider) parts.lifecycle().providers().forTarget(workspace);
            java.util.Optional<app.tether.providers.cnb.CnbStopCheck> check =
                    app.tether.providers.cnb.CnbStopCheck.of(provider, workspace, parts.sessions().get());
            if (check.isEmpty()) {
                return java.util.Optional.empty();
            }
            app.tether.providers.cnb.CnbUnpushedWork work = check.get().unpushed();
            if (!work.known()) {
                return java.util.Optional.of(Messages.get("cnb.stop.unchecked", work.problem()));
            }
            if (work.any()) {
                return java.util.Optional.of(Messages.get("idle.stop.unpushed", work.changes().size(),
                        work.commits().size(), check.get().folder()));
            }
            return java.util.Optional.empty();
        };
    }

    /**
     * GCE: restarts a preempted VM as its setting says and puts its tunnels back on their ports. It hears the
     * process's polls (as the guard and the window's list do), so a VM added later is watched from its next round.
     */
    static Guard.KindWatcher preemption(Parts parts, Set<String> named, Consumer<WatchEvent> events) {
        GceProvider provider = (GceProvider) provider(parts, TargetKind.GCE);
        PreemptionWatcher<GceInstance> watcher = new PreemptionWatcher<>(provider, parts.lifecycle().polls(), parts.lifecycle().guard(),
                () -> of(parts, named, GceInstance.class), GceInstance::preemptionRestart,
                e -> e instanceof GceOperationFailure failure && failure.noCapacity(),
                new TunnelReopen<>(provider, parts.sessions().get(), parts.tunnels(), Duration.ofMinutes(3)),
                events, PreemptionWatcher.Backoff.STANDARD, BackgroundExecutors.pool("watch-restart"));
        return new Guard.KindWatcher() {
            @Override
            public Set<TargetKind> observes() {
                return Set.of(TargetKind.GCE); // the watcher tells the guard what its rounds see
            }

            @Override
            public void start(StateObserver observations) {
                watcher.observedBy(observations).start();
            }

            @Override
            public void close() {
                watcher.close();
            }
        };
    }

    /**
     * CNB: a warning 30 and 10 minutes before a workspace is recycled, and one when it was, from the rounds of the
     * process's polls (no request of its own). A failing round is the guard's to report, as for every kind.
     */
    static Guard.KindWatcher workspaceEnds(Parts parts, Set<String> named, Consumer<WatchEvent> events) {
        CnbEndWatch watch = new CnbEndWatch((CnbProvider) provider(parts, TargetKind.CNB), Clock.systemUTC(),
                (target, since) -> parts.lifecycle().guard().begunSince(target, STOPS, since));
        return new Guard.KindWatcher() {
            private ProviderPolls.Subscription subscription;

            @Override
            public Set<TargetKind> observes() {
                return Set.of(); // the guard observes CNB too (the same rounds); this only adds the end events
            }

            @Override
            public synchronized void start(StateObserver observations) {
                if (subscription != null) {
                    return;
                }
                subscription = parts.lifecycle().polls().subscribe(Set.of(TargetKind.CNB),
                        () -> List.<Target>copyOf(of(parts, named, CnbWorkspace.class)), true,
                        new ProviderRefresher.Listener() {
                            @Override
                            public void observed(TargetKind kind, Map<String, LiveState> states) {
                                for (CnbWorkspace target : of(parts, named, CnbWorkspace.class)) {
                                    LiveState state = states.get(target.name());
                                    if (state != null) {
                                        watch.observed(target, state).ifPresent(events);
                                    }
                                }
                            }

                            @Override
                            public void failed(TargetKind kind, TetherException failure, Duration retryIn) {
                                // the guard's own subscription reports it (once per failing spell)
                            }
                        });
            }

            @Override
            public synchronized void close() {
                if (subscription != null) {
                    subscription.close();
                    subscription = null;
                }
            }
        };
    }

    private static Provider<?> provider(Parts parts, TargetKind kind) {
        return parts.lifecycle().providers().all().stream().filter(p -> p.kind() == kind).findFirst().orElseThrow();
    }

    /**
     * {@code load} (an inventory read) at most once per {@code every}, for the guard's target supplier, which is asked
     * four times a second; a failed read keeps the last list.
     */
    public static <T> Supplier<List<T>> rereading(Supplier<List<T>> load, Duration every) {
        java.util.concurrent.atomic.AtomicReference<List<T>> targets = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong readAt = new java.util.concurrent.atomic.AtomicLong();
        return () -> {
            long now = System.nanoTime();
            if (targets.get() == null || now - readAt.get() > every.toNanos()) {
                try {
                    targets.set(List.copyOf(load.get()));
                } catch (TetherException e) {
                    if (targets.get() == null) {
                        throw e;
                    }
                }
                readAt.set(now);
            }
            return targets.get();
        };
    }

    private static <T extends Target> List<T> of(Parts parts, Set<String> named, Class<T> type) {
        return parts.targets().get().stream().filter(type::isInstance).map(type::cast)
                .filter(t -> named.isEmpty() || named.contains(t.name())).toList();
    }
}
