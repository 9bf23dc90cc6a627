package app.tether.cli;

import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether exec NAME -- COMMAND [ARG...]}: runs an argv on a server and exits with its exit code. */
@Command(name = "exec", description = {
    "Run a command on an SSH server, as ssh does: stdin is forwarded, stdout and stderr are passed through byte for"
        + " byte; exits with the remote exit code.",
    "Arguments reach the remote program exactly as given (no remote shell interpretation). Put -- before the"
        + " command: tether exec gpu1 -- uname -a",
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
        if (timeoutSeconds != null && (timeoutSeconds <= 0 || timeoutSeconds > NO_LIMIT.toSeconds())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    app.tether.core.Messages.get("cli.exec.timeoutPositive", String.valueOf(timeoutSeconds)));
        }
        // The command is the tail of the arguments (it follows NAME and --); its exact bytes, where the system
        // kept them, so that bytes that are not text in this locale reach the server unchanged.
        List<byte[]> raw = context.rawArguments();
        List<byte[]> bytes = raw == null || raw.size() < command.size() ? null
                : raw.subList(raw.size() - command.size(), raw.size());
        for (int i = 0; bytes == null && i < command.size(); i++) {
            // Without them, bytes the JVM could not decode are already U+FFFD here and cannot be recovered:
            // refuse rather than send other bytes than the user typed.
            if (command.get(i).indexOf('\uFFFD') >= 0) {
                throw new TetherException(ErrorCode.USAGE, "cli.exec.undecodableArgument", i + 1,
                        System.getProperty("sun.jnu.encoding", String.valueOf(java.nio.charset.Charset.defaultCharset())));
            }
        }
        SshServer target = context.target(name);
        Duration timeout = timeoutSeconds == null ? NO_LIMIT : Duration.ofSeconds(timeoutSeconds);
        ExecutorService pump = BackgroundExecutors.pool("exec-stdin");
        try {
            var shell = context.sshSessions().shell(target);
            return bytes != null
                    ? shell.streamBytes(bytes, context.in(), flushing(context.rawOut()), flushing(context.rawErr()),
                            timeout, pump)
                    : shell.stream(command, context.in(), flushing(context.rawOut()), flushing(context.rawErr()),
                            timeout, pump);
        } finally {
            pump.shutdownNow(); // a pump still blocked on a terminal's stdin must not keep the command alive
        }
    }

    /**
     * Every write reaches the terminal or pipe at once, as ssh's output does; closing only flushes, because MINA
     * closes a channel's streams when the channel ends, and these are the process's own stdout and stderr (the
     * error line after a timeout was lost that way).
     */
    private static OutputStream flushing(OutputStream stream) {
        return new FilterOutputStream(stream) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
