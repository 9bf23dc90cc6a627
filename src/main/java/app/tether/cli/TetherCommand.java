package app.tether.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The root of the CLI: {@code tether <command>}; with no arguments at all Main opens the window instead. */
@Command(name = "tether", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Tether: launcher for remote GPU notebooks. Without arguments it opens the window.",
        subcommands = {
            ListCommand.class,
            AddCommand.class,
            ShowCommand.class,
            RemoveCommand.class,
            ImportSshConfigCommand.class
        })
public final class TetherCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
