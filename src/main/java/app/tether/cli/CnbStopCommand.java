package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.inventory.CnbWorkspace;
import app.tether.providers.TargetAction;
import app.tether.providers.cnb.CnbBackup;
import app.tether.providers.cnb.CnbProvider;
import app.tether.providers.cnb.CnbStopCheck;
import app.tether.providers.cnb.CnbUnpushedWork;
import app.tether.providers.cnb.CnbWorkspaceItem;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether cnb stop NAME [--yes]}: closes the workspace after showing what closing puts at risk (unpushed work
 * checked over SSH, CNB's backup) and asking.
 */
@Command(name = "stop", description = {
    "Close the workspace (POST /workspace/stop). CNB then keeps unpushed work only in its backup: Tether first",
    "checks the workspace folder over SSH (git status, commits on no remote), shows what it found and asks",
    "(--yes: do not ask; needed without a terminal)."})
final class CnbStopCommand implements Callable<Integer> {
    private static final int MAX_LINES = 20;
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Option(names = {"-y", "--yes"}, description = "Stop without asking.")
    boolean yes;

    CnbStopCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        CnbWorkspace target = CnbCommand.target(context, name);
        CnbProvider provider = new CnbProvider(context.environment());
        Optional<CnbStopCheck> check = CnbStopCheck.of(provider, target, context.sshSessions());
        if (check.isEmpty()) {
            context.out().println(Messages.get("cnb.stop.notRunning", target.name()));
            return 0;
        }
        CnbStopCheck found = check.get();
        warn(target, found);
        context.out().flush();
        if (!yes && !CnbCommand.confirmed(context, "cnb.stop.confirm")) {
            return ErrorCode.FAILURE.exitCode();
        }
        provider.perform(target, TargetAction.STOP, CnbCliOutput.progress(context));
        Optional<CnbWorkspaceItem> after = provider.current(target)
                .filter(item -> item.sn() != null && item.sn().equals(found.workspace().sn()));
        context.out().println(Messages.get("cnb.stop.done", target.name()));
        after.filter(CnbWorkspaceItem::closed).ifPresent(item -> context.out().println(CnbBackup.summary(item)));
        return 0;
    }

    private void warn(CnbWorkspace target, CnbStopCheck found) {
        context.out().println(Messages.get("cnb.stop.warning", target.name(), found.workspace().sn()));
        CnbUnpushedWork work = found.unpushed();
        if (!work.known()) {
            context.out().println(Messages.get("cnb.stop.unchecked", work.problem()));
        } else if (!work.any()) {
            context.out().println(Messages.get("cnb.stop.clean", found.folder()));
        } else {
            if (!work.changes().isEmpty()) {
                context.out().println(Messages.get("cnb.stop.changes", work.changes().size(), found.folder()));
                print(work.changes());
            }
            if (!work.commits().isEmpty()) {
                context.out().println(Messages.get("cnb.stop.commits", work.commits().size()));
                print(work.commits());
            }
            context.out().println(Messages.get("cnb.stop.push"));
        }
        if (found.workspace().backupHoldsWork()) {
            context.out().println(CnbBackup.summary(found.workspace()));
        }
    }

    private void print(List<String> lines) {
        lines.stream().limit(MAX_LINES).forEach(line -> context.out().println("  " + line));
        if (lines.size() > MAX_LINES) {
            context.out().println("  " + Messages.get("cnb.stop.more", lines.size() - MAX_LINES));
        }
    }
}
