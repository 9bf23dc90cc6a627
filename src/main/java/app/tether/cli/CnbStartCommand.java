package app.tether.cli;

import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.inventory.CnbWorkspace;
import app.tether.providers.LiveState;
import app.tether.providers.TargetAction;
import app.tether.providers.cnb.CnbProvider;
import app.tether.providers.cnb.CnbWorkspaceItem;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether cnb start NAME [--wait]}: starts the repository's workspace, and with --wait follows it until it runs. */
@Command(name = "start", description = "Start the workspace (POST /{repo}/-/workspace/start); with --wait, follow it"
        + " until it runs.")
final class CnbStartCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Option(names = "--wait", description = "Wait until the workspace runs.")
    boolean await;

    @Option(names = "--timeout", defaultValue = "20", paramLabel = "MINUTES",
            description = "How long --wait waits (default 20 minutes).")
    int timeoutMinutes;

    /** How often --wait reads the list; tests make it short. */
    static Duration pollEvery = Duration.ofSeconds(5);

    CnbStartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        CnbWorkspace target = CnbCommand.target(context, name);
        CnbProvider provider = new CnbProvider(context.environment());
        Progress progress = CnbCliOutput.progress(context);
        LiveState state = provider.perform(target, TargetAction.START, progress);
        if (!await) {
            context.out().println(Messages.get("cnb.cli.state", target.name(), state.state().id()));
            return 0;
        }
        CnbWorkspaceItem running = provider.awaitRunning(target, Duration.ofMinutes(Math.max(1, timeoutMinutes)),
                pollEvery, progress);
        context.out().println(Messages.get("cnb.cli.running", target.name(), running.sn()));
        CnbCliOutput.timeLeft(context, provider, target, running);
        return 0;
    }
}
