package app.tether.cli;

import app.tether.inventory.SshServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether exec NAME -- COMMAND [ARG...]}: runs an argv on a server and exits with its exit code. */
@Command(name = "exec", description = {
    "Run a command on an SSH server, streaming its output; exits with the remote exit code.",
    "Arguments reach the remote program exactly as given (no remote shell interpretation).",
    "Exit 3: cannot connect or log in; 4: host key refused."})
final class ExecCommand implements Callable<Integer> {
    /** "No limit" that still fits the nanosecond arithmetic of a deadline. */
    private static final Duration NO_LIMIT = Duration.ofDays(3650);

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The server.")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND",
            description = "The program and its arguments (put -- before them).")
    List<String> command;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Stop the command after this many seconds (default: no limit).")
    Long timeoutSeconds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    ExecCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    app.tether.core.Messages.get("cli.exec.timeoutPositive", String.valueOf(timeoutSeconds)));
        }
        SshServer target = context.target(name);
        Duration timeout = timeoutSeconds == null ? NO_LIMIT : Duration.ofSeconds(timeoutSeconds);
        return context.sshSessions().shell(target).run(command, line -> {
            context.out().println(line);
            context.out().flush();
        }, line -> {
            context.err().println(line);
            context.err().flush();
        }, timeout);
    }
}
