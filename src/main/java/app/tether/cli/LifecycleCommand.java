package app.tether.cli;

import app.tether.core.Messages;
import app.tether.inventory.Target;
import app.tether.providers.LiveState;
import app.tether.providers.TargetAction;
import app.tether.workflow.Lifecycle;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether start|stop|pause|restart NAME [--wait]} for every kind: the action is checked against what the
 * kind supports (exit 2 if not) and what the state permits (refused, nothing sent), then sent; with
 * {@code --wait} the state is followed until running (or stopped) with progress lines on stderr. Prints the
 * state reached on stdout.
 */
abstract class LifecycleCommand implements Callable<Integer> {
    final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The target.")
    String name;

    @Option(names = "--wait", description = "Wait until it is running (or stopped), printing progress on stderr.")
    boolean wait;

    LifecycleCommand(CliContext context) {
        this.context = context;
    }

    abstract TargetAction action();

    /** Whether to go ahead with {@code target} (a kind may first show what the action puts at risk and ask). */
    boolean agreed(Target target) throws InterruptedException {
        return true;
    }

    @Override
    public Integer call() throws InterruptedException {
        Target target = context.store().load().require(name);
        if (!agreed(target)) {
            return app.tether.core.ErrorCode.FAILURE.exitCode();
        }
        Lifecycle lifecycle = context.lifecycle();
        Optional<LiveState> reached = lifecycle.perform(target, action(), wait, new CliProgress(context));
        reached.ifPresent(state -> context.out().println(Messages.get("lifecycle.now", target.name(),
                Lifecycle.describe(target, state))));
        context.out().flush();
        return 0;
    }

    @Command(name = "start", description = {"Start or resume a target (HF: restart a paused or sleeping Space).",
        "Exit 2: the kind cannot be started by Tether (SSH servers); 3: the API cannot be reached or refuses."})
    static final class Start extends LifecycleCommand {
        Start(CliContext context) {
            super(context);
        }

        @Override
        TargetAction action() {
            return TargetAction.START;
        }
    }

    @Command(name = "stop", description = {"Stop whatever bills for the target (HF: pause the Space).",
        "Exit 2: the kind cannot be stopped by Tether; 3: the API cannot be reached or refuses."})
    static final class Stop extends LifecycleCommand {
        @Option(names = {"-y", "--yes"}, description = "CNB: close the workspace without asking (needed without a"
                + " terminal); the unpushed-work check is shown either way.")
        boolean yes;

        Stop(CliContext context) {
            super(context);
        }

        /** A CNB workspace keeps unpushed work only in CNB's backup once closed: show what is at risk, then ask. */
        @Override
        boolean agreed(Target target) throws InterruptedException {
            return !(target instanceof app.tether.inventory.CnbWorkspace workspace)
                    || CnbCli.confirmStop(context, workspace, yes);
        }

        @Override
        TargetAction action() {
            return TargetAction.STOP;
        }
    }

    @Command(name = "pause", description = "Pause a target, where its kind has a pause distinct from stop.")
    static final class Pause extends LifecycleCommand {
        Pause(CliContext context) {
            super(context);
        }

        @Override
        TargetAction action() {
            return TargetAction.PAUSE;
        }
    }

    @Command(name = "restart", description = "Restart a target; --factory rebuilds it from scratch (HF factory reboot).")
    static final class Restart extends LifecycleCommand {
        @Option(names = "--factory", description = "Rebuild from a clean state (HF: factory reboot).")
        boolean factory;

        Restart(CliContext context) {
            super(context);
        }

        @Override
        TargetAction action() {
            return factory ? TargetAction.FACTORY_RESTART : TargetAction.RESTART;
        }
    }
}
