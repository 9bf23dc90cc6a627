package app.tether.testing;

import app.tether.cli.Cli;
import app.tether.cli.CliContext;
import app.tether.core.Environment;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

/** Runs the CLI in-process against a test environment and keeps what the last command printed. */
public final class CliRunner {
    private final Environment environment;
    private final boolean testSessions;
    private String input = "";
    private String out = "";
    private String err = "";

    private CliRunner(Environment environment, boolean testSessions) {
        this.environment = environment;
        this.testSessions = testSessions;
    }

    /** Commands get the CLI's own SSH sessions (for commands that never connect). */
    public static CliRunner of(Environment environment) {
        return new CliRunner(environment, false);
    }

    /**
     * Commands connect with only the environment's keys and known_hosts: no ssh-agent of the developer's, no
     * questions ({@link SshPrompts#NONE}), a 10 s connect timeout.
     */
    public static CliRunner withTestSessions(Environment environment) {
        return new CliRunner(environment, true);
    }

    /** Runs {@code tether args...} and returns its exit status; {@link #out()} and {@link #err()} hold its output. */
    public int run(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        CliContext context = new CliContext(environment, new PrintWriter(outText), new PrintWriter(errText));
        context.input(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        input = "";
        if (testSessions) {
            context.sshSessionsFactory(() -> new SshSessions(environment, context.hostKeyPolicy(), SshPrompts.NONE,
                    Duration.ofSeconds(10), null));
        }
        int code = Cli.run(args, context);
        out = outText.toString();
        err = errText.toString();
        return code;
    }

    /** The next command reads {@code text} on stdin (then nothing again). */
    public CliRunner input(String text) {
        this.input = text;
        return this;
    }

    /** What the last command printed on stdout. */
    public String out() {
        return out;
    }

    /** What the last command printed on stderr. */
    public String err() {
        return err;
    }
}
