package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.instance.HeldForwards;
import app.tether.instance.InstanceControl;
import app.tether.instance.InstanceEndpoint;
import app.tether.instance.InstanceServer;
import app.tether.instance.InstanceServices;
import app.tether.instance.PromptRouter;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TunnelService;
import app.tether.workflow.Lifecycle;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tether instance run|status|stop}: the per-user background instance without a window. */
@Command(name = "instance", description = {
    "The per-user background Tether: it holds SSH sessions and tunnels for the CLI (and the window, when that runs).",
    "'tether instance run' serves without a window until stopped; 'status' says whether one runs; 'stop' stops it."},
        subcommands = {InstanceCommand.Run.class, InstanceCommand.Status.class, InstanceCommand.Stop.class})
final class InstanceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * What a headless instance starts besides serving clients (watchers such as the idle guard): one line each,
     * each handed the instance's shared services and closed when the instance stops.
     */
    interface Extension {
        AutoCloseable start(InstanceServices services, CliContext context) throws Exception;
    }

    /** The extensions of a headless instance (the window starts its own watchers). */
    static final List<Extension> EXTENSIONS = List.of(InstanceCommand::guard);

    /**
     * The one set of watchers of this user while no window runs (the window runs its own and takes over from a
     * headless instance): idle auto-pause, GCE preemption, CNB workspace ends and the spend ledger, over the
     * instance's shared sessions, tunnels and Lifecycle (its providers and their polls, not a second set). Its events go to the desktop's notification server when the session
     * bus has one (buttons answered by the guard); the guard logs each one.
     */
    private static AutoCloseable guard(InstanceServices services, CliContext context) {
        var environment = services.environment();
        app.tether.watch.WatchEvents events = new app.tether.watch.WatchEvents();
        app.tether.watch.Guard guard = app.tether.watch.Guards.standard(new app.tether.watch.Guards.Parts(
                environment, services.lifecycle(), services::sessions, services.tunnels(), services.httpForwards(),
                app.tether.watch.Guards.rereading(() -> context.store().load().targets(), Duration.ofSeconds(10))),
                java.util.Set.of(), events, name -> { });
        java.util.concurrent.ExecutorService answers = app.tether.core.BackgroundExecutors.pool("instance-answers");
        var preferences = app.tether.settings.Preferences.open(environment.settingsFile());
        java.util.Optional<app.tether.watch.NoticeDispatch> notices = app.tether.watch.DbusNotifier
                .connect(environment.variable("DBUS_SESSION_BUS_ADDRESS"), guard, answers)
                .map(notifier -> new app.tether.watch.NoticeDispatch(new app.tether.watch.Notices(
                        kind -> preferences.notifies(kind.id())), List.of(notifier),
                        app.tether.core.BackgroundExecutors.scheduler("instance-notify", 1)));
        notices.ifPresent(events::subscribe);
        guard.start();
        return () -> {
            guard.close();
            if (notices.isPresent()) {
                notices.get().close();
            }
            answers.shutdownNow();
        };
    }

    /** {@code tether instance run}: serve until {@code tether instance stop}, SIGTERM or Ctrl-C. */
    @Command(name = "run", description = "Serve as the background instance without a window, until stopped.")
    static final class Run implements Callable<Integer> {
        private static final Duration IDLE = Duration.ofMinutes(30);

        private final CliContext context;

        @Option(names = "--idle-exit", description = "Stop after 30 minutes without requests and without tunnels"
                + " (how the CLI starts one on demand).")
        boolean idleExit;

        Run(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            var environment = context.environment();
            PromptRouter prompts = new PromptRouter(SshPrompts.NONE); // no window: only clients are asked
            SshSessions sessions = new SshSessions(environment, HostKeyPolicy.REFUSE_UNKNOWN, prompts);
            TunnelService tunnels = new TunnelService(sessions, environment);
            HttpForwards http = new HttpForwards(environment);
            HeldForwards forwards = new HeldForwards(sessions, PortMemory.in(environment));
            Lifecycle lifecycle = new Lifecycle(StandardProviders.create(environment, () -> sessions),
                    StateCache.in(environment));
            InstanceServices services = new InstanceServices(environment, sessions, tunnels, http, forwards, prompts,
                    lifecycle, null);
            InstanceServer server;
            try {
                server = InstanceServer.startRestoring(InstanceEndpoint.of(environment), services,
                        new InstanceRuns(services), () -> context.store().load());
            } catch (InstanceServer.AlreadyRunning running) {
                sessions.close();
                context.err().println("tether: " + Messages.get("instance.run.already", running.getMessage()));
                return ErrorCode.FAILURE.exitCode();
            }
            List<AutoCloseable> started = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean cleaned = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable cleanup = () -> {
                if (cleaned.getAndSet(true)) {
                    return;
                }
                for (AutoCloseable extension : started) {
                    try {
                        extension.close();
                    } catch (Exception e) {
                        // stopping is best effort
                    }
                }
                server.close();
                tunnels.close();
                forwards.close();
                http.close();
                server.forgetHeld(); // a clean stop: nothing to reopen next time
                sessions.close();
            };
            // SIGTERM and Ctrl-C stop it cleanly too; only a crash (SIGKILL) leaves tunnels to reopen.
            Thread hook = app.tether.core.BackgroundExecutors.threads("shutdown").newThread(cleanup);
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (idleExit) {
                    server.stopWhenIdle(IDLE);
                }
                for (Extension extension : EXTENSIONS) {
                    started.add(extension.start(services, context));
                }
                server.awaitStop();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs the cleanup
                }
                cleanup.run();
            }
            return 0;
        }
    }

    /** {@code tether instance status}: exit 0 and its pid when one runs, exit 1 when none. */
    @Command(name = "status", description = "Say whether the background instance runs (exit 0) or not (exit 1).")
    static final class Status implements Callable<Integer> {
        private final CliContext context;

        Status(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            InstanceEndpoint endpoint = InstanceEndpoint.of(context.environment());
            Optional<InstanceControl.Answer> answer = send(endpoint, "ping");
            if (answer.isEmpty()) {
                context.out().println(Messages.get("instance.status.none", endpoint));
                return ErrorCode.FAILURE.exitCode();
            }
            context.out().println(Messages.get("instance.status.running", String.valueOf(answer.get().pid()),
                    endpoint));
            return 0;
        }
    }

    /** {@code tether instance stop}: stops a headless instance (its tunnels close). */
    @Command(name = "stop", description = "Stop the background instance (the tunnels it holds close).")
    static final class Stop implements Callable<Integer> {
        private final CliContext context;

        Stop(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            InstanceEndpoint endpoint = InstanceEndpoint.of(context.environment());
            Optional<InstanceControl.Answer> answer = send(endpoint, "stop");
            if (answer.isEmpty()) {
                context.out().println(Messages.get("instance.status.none", endpoint));
                return 0;
            }
            if (answer.get().code() != 0) {
                throw new TetherException(ErrorCode.FAILURE, "instance.stop.failed", answer.get().message());
            }
            context.out().println(Messages.get("instance.stopped", String.valueOf(answer.get().pid())));
            return 0;
        }
    }

    private static Optional<InstanceControl.Answer> send(InstanceEndpoint endpoint, String request) {
        endpoint.problem().ifPresent(problem -> {
            throw new TetherException(ErrorCode.FAILURE, "instance.error.unsafe", problem);
        });
        try {
            return InstanceControl.send(endpoint, request);
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "instance.error.talk", endpoint, e.toString());
        }
    }
}
