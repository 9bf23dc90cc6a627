package app.tether.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command's options and help, without its subcommands: {@link TetherCommand} adds them all, while a
 * call that names one subcommand gets a root with only that one ({@link CommandLines}), so picocli does not
 * reflect over every command and the classes they reach at each start.
 */
@Command(name = "tether", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT, // every subcommand gets --help (and --version)
        description = "Tether: launcher for remote GPU notebooks. Without arguments it opens the window.")
class RootCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    RootCommand(CliContext context) {
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
