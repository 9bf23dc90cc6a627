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
import app.tether.providers.Providers;
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
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Puts the standard guard together: every kind, GCE's preemption watcher and CNB's end-of-workspace watch. */
public final class Guards {
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
        if (providers.has(TargetKind.GCE)) {
            guard.addWatcher(preemption(parts, named, events));
        }
        if (providers.has(TargetKind.CNB)) {
            guard.addWatcher(workspaceEnds(parts, named, events));
        }
        return guard;
    }

    /** GCE: restarts a preempted VM as its setting says and puts its tunnels back on their ports. */
    static Guard.KindWatcher preemption(Parts parts, Set<String> named, Consumer<WatchEvent> events) {
        GceProvider provider = (GceProvider) parts.lifecycle().providers().all().stream()
                .filter(p -> p.kind() == TargetKind.GCE).findFirst().orElseThrow();
        PreemptionWatcher<GceInstance> watcher = new PreemptionWatcher<>(provider,
                () -> of(parts, named, GceInstance.class), GceInstance::preemptionRestart,
                e -> e instanceof GceOperationFailure failure && failure.noCapacity(),
                new TunnelReopen<>(provider, parts.sessions().get(), parts.tunnels(), Duration.ofMinutes(3)),
                events, PreemptionWatcher.Backoff.STANDARD, BackgroundExecutors.scheduler("watch", 1),
                BackgroundExecutors.pool("watch-restart"));
        return new Guard.KindWatcher() {
            @Override
            public Set<TargetKind> observes() {
                return Set.of(TargetKind.GCE);
            }

            @Override
            public void start(StateObserver observations) {
                if (!of(parts, named, GceInstance.class).isEmpty()) {
                    watcher.observedBy(observations).start(); // a VM added later is watched from the next start
                }
            }

            @Override
            public void close() {
                watcher.close();
            }
        };
    }

    /** CNB: a warning 30 and 10 minutes before a workspace is recycled, and one when it was. */
    static Guard.KindWatcher workspaceEnds(Parts parts, Set<String> named, Consumer<WatchEvent> events) {
        ScheduledExecutorService scheduler = BackgroundExecutors.scheduler("cnb-watch", 1);
        return new Guard.KindWatcher() {
            @Override
            public Set<TargetKind> observes() {
                return Set.of(); // the refresher observes CNB; this only adds the end-of-workspace events
            }

            @Override
            public void start(StateObserver observations) {
                List<CnbWorkspace> first = of(parts, named, CnbWorkspace.class);
                if (first.isEmpty()) {
                    return; // a workspace added later is watched from the next start (window or watch)
                }
                CnbProvider provider = (CnbProvider) parts.lifecycle().providers().forTarget(first.get(0));
                CnbEndWatch watch = new CnbEndWatch(provider, Clock.systemUTC());
                scheduler.scheduleWithFixedDelay(() -> {
                    List<CnbWorkspace> targets = of(parts, named, CnbWorkspace.class);
                    try {
                        watch.round(targets).forEach(events);
                    } catch (TetherException e) {
                        events.accept(new WatchEvent(Instant.now(), String.join(", ",
                                targets.stream().map(Target::name).toList()), WatchEvent.Type.OBSERVE_FAILED, null,
                                Messages.get("cnb.watch.failed", e.getLocalizedMessage())));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, 0, provider.pollInterval().toSeconds(), TimeUnit.SECONDS);
            }

            @Override
            public void close() {
                scheduler.shutdownNow();
            }
        };
    }

    /**
     * {@code load} (an inventory read) at most once per {@code every}, for the guard's target supplier, which is asked
     * four times a second; a failed read keeps the last list.
     */
    public static Supplier<List<Target>> rereading(Supplier<List<Target>> load, Duration every) {
        java.util.concurrent.atomic.AtomicReference<List<Target>> targets = new java.util.concurrent.atomic.AtomicReference<>();
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
