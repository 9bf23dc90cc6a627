package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.Target;
import java.io.Console;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code tether cnb …}: Tencent CNB workspaces (token, import, repository scaffold, lifecycle). */
@Command(name = "cnb", description = "Tencent CNB cloud workspaces.", subcommands = {
    CnbLoginCommand.class, CnbImportCommand.class, CnbInitCommand.class, CnbStartCommand.class,
    CnbStopCommand.class, CnbStatusCommand.class, CnbOpenCommand.class, CnbCodeCommand.class})
final class CnbCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), Messages.get("cnb.cli.subcommand"));
    }

    /** The CNB workspace called {@code name}: NOT_FOUND when there is none, INVALID when it is another kind. */
    static CnbWorkspace target(CliContext context, String name) {
        Target target = context.store().load().require(name);
        if (target instanceof CnbWorkspace workspace) {
            return workspace;
        }
        throw new TetherException(ErrorCode.INVALID, "cnb.error.notCnb", target.name());
    }

    /** Asks on the terminal; without one, USAGE saying to pass {@code --yes}. */
    static boolean confirmed(CliContext context, String questionKey) {
        Console console = System.console();
        if (console == null) {
            throw new TetherException(ErrorCode.USAGE, "cnb.cli.needYes");
        }
        String answer = console.readLine("%s ", Messages.get(questionKey));
        boolean yes = answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes|是");
        if (!yes) {
            context.err().println("tether: " + Messages.get("cnb.cli.declined"));
        }
        return yes;
    }
}
