package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import java.io.Console;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code tether cnb login|import|init}: the CNB token, importing workspaces, and a repository scaffold. */
@Command(name = "cnb", description = "Tencent CNB cloud workspaces.", subcommands = {
    CnbLoginCommand.class, CnbImportCommand.class, CnbInitCommand.class})
final class CnbCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), Messages.get("cnb.cli.subcommand"));
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
