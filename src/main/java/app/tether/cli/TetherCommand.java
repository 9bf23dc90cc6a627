package app.tether.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The root of the CLI: {@code tether <command>}; with no arguments at all Main opens the window instead. */
@Command(name = "tether", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT, // every subcommand gets --help (and --version)
        description = "Tether: launcher for remote GPU notebooks. Without arguments it opens the window.",
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
public final class TetherCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    TetherCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--accept-new-host-key", scope = ScopeType.INHERIT,
            description = "Trust an unknown SSH host key and add it to ~/.ssh/known_hosts"
                    + " (a changed key is always refused).")
    void acceptNewHostKey(boolean accept) {
        if (accept) {
            context.acceptNewHostKey(true);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
