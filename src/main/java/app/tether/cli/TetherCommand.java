package app.tether.cli;

import picocli.CommandLine.Command;

/**
 * The root of the CLI: {@code tether <command>}; with no arguments at all Main opens the window instead. Its
 * options and help live in {@link RootCommand}; {@link CommandLines} builds only the subcommand a call names.
 */
@Command(
        subcommands = {
            ListCommand.class,
            AddCommand.class,
            ShowCommand.class,
            RemoveCommand.class,
            ImportSshConfigCommand.class,
            ExecCommand.class,
            StatusCommand.class,
            JupyterCommand.class,
            OpenCommand.class,
            ForwardCommand.class,
            CodeCommand.class,
            LifecycleCommand.Start.class,
            LifecycleCommand.Stop.class,
            LifecycleCommand.Pause.class,
            LifecycleCommand.Restart.class,
            HfCommand.class,
            GceCommand.class,
            WatchCommand.class,
            IdleCommand.class,
            CnbCommand.class,
            SpendCommand.class,
            TunnelsCommand.class,
            InstanceCommand.class
        })
public final class TetherCommand extends RootCommand {
    TetherCommand(CliContext context) {
        super(context);
    }
}
