package app.tether.testing;

import app.tether.cli.Cli;
import app.tether.cli.CliContext;
import app.tether.core.Environment;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Runs the CLI in-process against a test environment and keeps what the last command printed. */
public final class CliRunner {
    private final Environment environment;
    private final boolean testSessions;
    private String out = "";
    private String err = "";
    private byte[] outBytes = new byte[0];
    private byte[] stdin = new byte[0];

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
        ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        // Like a process's stdout/stderr: once closed, what is written later is lost.
        OutputStream outStream = new ProcessStream(outBuffer);
        OutputStream errStream = new ProcessStream(errBuffer);
        CliContext context = new CliContext(environment,
                new PrintWriter(new OutputStreamWriter(outStream, StandardCharsets.UTF_8)),
                new PrintWriter(new OutputStreamWriter(errStream, StandardCharsets.UTF_8)))
                .withStreams(new ByteArrayInputStream(stdin), outStream, errStream);
        if (testSessions) {
            context.sshSessionsFactory(() -> new SshSessions(environment, context.hostKeyPolicy(), SshPrompts.NONE,
                    Duration.ofSeconds(10), null));
        }
        int code = Cli.run(args, context);
        outBytes = outBuffer.toByteArray();
        out = outBuffer.toString(StandardCharsets.UTF_8);
        err = errBuffer.toString(StandardCharsets.UTF_8);
        stdin = new byte[0];
        return code;
    }

    /** What the next command reads on stdin (then nothing again). */
    public CliRunner stdin(byte[] bytes) {
        this.stdin = bytes.clone();
        return this;
    }

    /** The bytes the last command wrote on stdout. */
    public byte[] outBytes() {
        return outBytes.clone();
    }

    /** What the last command printed on stdout. */
    public String out() {
        return out;
    }

    /** What the last command printed on stderr. */
    public String err() {
        return err;
    }

    /** A process's output stream: writes after close are dropped, as they are on a closed file descriptor. */
    private static final class ProcessStream extends OutputStream {
        private final OutputStream buffer;
        private volatile boolean closed;

        ProcessStream(OutputStream buffer) {
            this.buffer = buffer;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            if (!closed) {
                buffer.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            if (!closed) {
                buffer.write(bytes, offset, length);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
