package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.handoff.SshConfigEditor;
import app.tether.handoff.SystemBrowser;
import app.tether.handoff.VsCodeHandoff;
import app.tether.handoff.VsCodePlan;
import app.tether.inventory.HfSpace;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.providers.hf.HfProvider;
import app.tether.providers.hf.HfSpaces;
import java.io.Console;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether code NAME [PATH]}: opens the server in VS Code Remote-SSH. */
@Command(name = "code", description = {
    "Open a server in VS Code (Remote-SSH): code --remote ssh-remote+ALIAS PATH.",
    "A Hugging Face Space in dev mode opens on SUBDOMAIN@ssh.hf.space (folder /home/user/app).",
    "A server without an ~/.ssh/config alias gets a marked Host block there; it is shown first and written",
    "after you agree (or with --yes); the old file is kept as config.tether-backup."})
final class CodeCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The server.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH",
            description = "Remote folder to open (default: the Jupyter notebook folder, else your home there).")
    String path;

    @Option(names = {"-y", "--yes"}, description = "Write the ~/.ssh/config Host block without asking.")
    boolean yes;

    CodeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Target requested = context.store().load().require(name);
        if (requested instanceof HfSpace space) {
            return devModeSpace(space);
        }
        if (requested instanceof app.tether.inventory.CnbWorkspace workspace) {
            return CnbCli.code(context, workspace);
        }
        SshServer target = context.target(name);
        VsCodeHandoff handoff = new VsCodeHandoff(context.environment());
        VsCodePlan plan = handoff.plan(target, path);
        if (plan.path() == null) {
            // No folder given and none set for Jupyter: Jupyter serves the login's home, so open that.
            plan = new VsCodePlan(plan.alias(), plan.blockToWrite(), remoteHome(target));
        }
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
            // Nothing opened at all: say so with what to install, and fail.
            throw new TetherException(ErrorCode.FAILURE, e, "cli.code.nothingOpened", e.getLocalizedMessage());
        }
        context.out().println(Messages.get("cli.code.handedToSystem"));
        return 0;
    }

    /** A Space in dev mode: VS Code Remote-SSH on {@code <subdomain>@ssh.hf.space}, in the app folder. */
    private int devModeSpace(HfSpace space) throws InterruptedException {
        String host = new HfSpaces(new HfProvider(context.environment())).devModeSshHost(space);
        VsCodePlan plan = new VsCodePlan(host, null, path != null ? path : HfSpaces.DEV_MODE_FOLDER);
        if (new VsCodeHandoff(context.environment()).launch(plan)) {
            context.out().println(Messages.get("hf.code.opened", host, plan.path()));
            return 0;
        }
        context.out().println(Messages.get("cli.code.noCode"));
        context.out().println(plan.fallbackUri());
        return 0;
    }

    /** The home folder of the login on the server (what Jupyter serves by default), or null when unknown. */
    private String remoteHome(SshServer target) {
        try {
            var result = context.sshSessions().shell(target).capture(java.util.List.of("printenv", "HOME"),
                    java.time.Duration.ofSeconds(15));
            String home = result.stdout().strip();
            return result.ok() && home.startsWith("/") && home.lines().count() == 1 ? home : null;
        } catch (TetherException e) {
            context.err().println("tether: " + Messages.get("cli.code.noHome", e.getLocalizedMessage()));
            return null;
        }
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
