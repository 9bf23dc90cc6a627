package app.tether.cli;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.settings.QuickSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Runs the CLI: parses, executes, and turns every failure into one line on stderr and an exit code. */
public final class Cli {
    private Cli() {
    }

    /**
     * Looked up when something is logged, not when the class loads: the first logger starts SLF4J and logback
     * (a service lookup through the class path), which a command that logs nothing never needs.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(Cli.class);
    }

    /** Runs {@code args} against the real environment and the process's stdout/stderr. */
    public static int run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        return run(args, new CliContext(Environment.fromSystem(), out, err).withStreams(System.in, System.out,
                System.err).withRawArguments(RawArguments.of(args)));
    }

    /** Says on one line that there is no display to open the window on, and points at the CLI; returns the exit code. */
    public static int noDisplay() {
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        err.println("tether: " + Messages.get("cli.noDisplay"));
        err.flush();
        return ErrorCode.FAILURE.exitCode();
    }

    /** Every error is one line on stderr, even when it quotes a value with a newline or a control character. */
    static String oneLine(String message) {
        StringBuilder line = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    // Control and invisible format characters (bidi overrides such as U+202E) would let a quoted
                    // value rewrite or disguise the line on the terminal: shown as escapes instead.
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        return line.toString();
    }

    /**
     * picocli's message without its own "Error: " (the line already starts with "tether: "); for exec, an option
     * of the remote command taken as Tether's says that the command goes after --.
     */
    static String usageMessage(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
                && ex.getCommandLine().getCommand() instanceof ExecCommand
                && !unmatched.getUnmatched().isEmpty()) {
            return Messages.get("cli.exec.useDashDash", String.join(" ", unmatched.getUnmatched()));
        }
        String message = String.valueOf(ex.getMessage());
        return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
    }

    public static int run(String[] args, CliContext context) {
        applyLanguage(context.environment());
        java.util.concurrent.Callable<Integer> direct = DirectCommands.of(args, context);
        if (direct != null) {
            return runDirect(direct, context);
        }
        CommandLine commandLine = CommandLines.forArguments(args, context);
        HelpWrapping.apply(commandLine);
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setParameterExceptionHandler((ex, ignored) -> {
            context.err().println("tether: " + oneLine(usageMessage(ex)) + " (" + Messages.get("cli.seeHelp") + ")");
            context.err().flush();
            return ErrorCode.USAGE.exitCode();
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> failed(ex, context));
        int code;
        try {
            code = commandLine.execute(args);
        } finally {
            context.close();
        }
        context.out().flush();
        context.err().flush();
        return code;
    }

    /** A command {@link DirectCommands} made, run as picocli runs it: its result, or its failure in one line. */
    private static int runDirect(java.util.concurrent.Callable<Integer> command, CliContext context) {
        int code;
        try {
            code = command.call();
        } catch (Exception ex) {
            code = failed(ex, context);
        } finally {
            context.close();
        }
        context.out().flush();
        context.err().flush();
        return code;
    }

    /** A command's failure as one line on stderr; its exit code. */
    private static int failed(Exception ex, CliContext context) {
        if (ex instanceof TetherException failure) {
            log().info("Command failed: {}", failure.getMessage());
            context.err().println("tether: " + oneLine(failure.getLocalizedMessage()));
            context.err().flush();
            return failure.code().exitCode();
        }
        log().error("Unexpected failure", ex);
        context.err().println("tether: " + oneLine(Messages.get("error.unexpected", String.valueOf(ex))));
        context.err().flush();
        return ErrorCode.FAILURE.exitCode();
    }

    /**
     * The CLI speaks the language chosen in Settings, when one was chosen (never creating the file), read without
     * Commons Configuration ({@link QuickSettings}).
     */
    private static void applyLanguage(Environment environment) {
        if (Files.isRegularFile(environment.settingsFile())) {
            try {
                var locale = QuickSettings.language(environment.settingsFile()).locale();
                if (locale != null) {
                    Messages.setLocale(locale);
                }
            } catch (IOException e) {
                log().warn("Settings unreadable, using the OS language: {}", e.toString());
            }
        }
    }
}
