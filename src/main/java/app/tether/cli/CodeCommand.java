package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.handoff.SshConfigEditor;
import app.tether.handoff.SystemBrowser;
import app.tether.handoff.VsCodeHandoff;
import app.tether.handoff.VsCodePlan;
import app.tether.inventory.SshServer;
import java.io.Console;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether code NAME [PATH]}: opens the server in VS Code Remote-SSH. */
@Command(name = "code", description = {
    "Open a server in VS Code (Remote-SSH): code --remote ssh-remote+ALIAS PATH.",
    "A server without an ~/.ssh/config alias gets a marked Host block there; it is shown first and written",
    "after you agree (or with --yes); the old file is kept as config.tether-backup."})
final class CodeCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The server.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH",
            description = "Remote folder to open (default: the Jupyter notebook folder, if set).")
    String path;

    @Option(names = {"-y", "--yes"}, description = "Write the ~/.ssh/config Host block without asking.")
    boolean yes;

    CodeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (context.store().load().require(name) instanceof app.tether.inventory.CnbWorkspace workspace) {
            return CnbCli.code(context, workspace);
        }
        SshServer target = context.target(name);
        VsCodeHandoff handoff = new VsCodeHandoff(context.environment());
        VsCodePlan plan = handoff.plan(target, path);
        if (plan.needsConfigBlock()) {
            context.out().println(Messages.get("cli.code.blockPreview", handoff.editor().config()));
            context.out().print(plan.blockToWrite().text());
            context.out().flush();
            if (!yes && !confirmed()) {
                return ErrorCode.FAILURE.exitCode();
            }
            SshConfigEditor.Outcome outcome = handoff.writeBlock(plan);
            if (outcome != SshConfigEditor.Outcome.UNCHANGED) {
                context.out().println(Messages.get("cli.code.blockWritten", handoff.editor().config(),
                        handoff.editor().backup()));
            }
        }
        if (handoff.launch(plan)) {
            context.out().println(Messages.get("cli.code.opened", plan.alias()));
            return 0;
        }
        context.out().println(Messages.get("cli.code.noCode"));
        context.out().println(plan.fallbackUri());
        try {
            new SystemBrowser().open(plan.fallbackUri());
        } catch (TetherException e) {
            context.err().println("tether: " + e.getLocalizedMessage());
        }
        return 0;
    }

    private boolean confirmed() {
        Console console = System.console();
        if (console == null) {
            throw new TetherException(ErrorCode.USAGE, "cli.code.needYes");
        }
        String answer = console.readLine("%s ", Messages.get("cli.code.confirm"));
        boolean yesAnswer = answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes|是");
        if (!yesAnswer) {
            context.err().println("tether: " + Messages.get("cli.code.declined"));
        }
        return yesAnswer;
    }
}
