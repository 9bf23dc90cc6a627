package app.tether.ssh;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an argv on a target; the only place remote shell text is built. The argv is quoted for POSIX sh,
 * so every argument reaches the remote program byte for byte and nothing in it is interpreted.
 *
 * <p>sshd gives the command line to the user's login shell, which may be csh/tcsh or fish: they read
 * newlines, backslashes, {@code !} or non-ASCII bytes inside single quotes differently. An argv holding any of
 * those is sent base64-encoded instead, as {@code sh -c 'eval "$(printf %s B64 | base64 -d)"'}, which every
 * shell reads the same way and which leaves the decoding to POSIX sh.
 */
public final class RemoteShell {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteShell.class);
    /** Words every login shell leaves alone (no leading = or %: zsh, tcsh and old fish expand those). */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@+:,./-][A-Za-z0-9_@%+=:,./-]*");
    /** The base64 form of {@link #commandLine}. */
    private static final Pattern ENCODED =
            Pattern.compile("sh -c 'eval \"\\$\\(printf %s ([A-Za-z0-9+/=]+) \\| base64 -d\\)\"'");
    /** What a single-quoted argument may hold and still mean the same to csh/tcsh, fish, zsh, bash and dash. */
    private static final Pattern PORTABLE = Pattern.compile("[\\x20-\\x7e&&[^\\\\!]]*");
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("ABRT", 6), Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10),
            Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
            Map.entry("TERM", 15));

    private final Supplier<ClientSession> sessions;
    private final String where;

    /** A shell on one already authenticated session (tests, or callers holding their own session). */
    public RemoteShell(ClientSession session) {
        this(() -> session, String.valueOf(session.getConnectAddress()));
    }

    /** A shell that takes its session from {@code sessions} for each command (SshSessions' pool). */
    RemoteShell(Supplier<ClientSession> sessions, String where) {
        this.sessions = sessions;
        this.where = where;
    }

    /** POSIX-sh quoting of an argv into one command line (single quotes, {@code '} becomes {@code '\''}). */
    public static String quote(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
        StringBuilder line = new StringBuilder();
        for (String arg : argv) {
            Objects.requireNonNull(arg, "argv element");
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument contains a NUL byte");
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            if (SAFE.matcher(arg).matches()) {
                line.append(arg);
            } else {
                line.append('\'').append(arg.replace("'", "'\\''")).append('\'');
            }
        }
        return line.toString();
    }

    /** The exact text sent to sshd for {@code argv}: {@link #quote} when portable, else its base64 form. */
    static String commandLine(List<String> argv) {
        return commandLine(argv, false);
    }

    /** As above; {@code replaceShell}: the program replaces the shells ({@code exec}), so signals reach it. */
    static String commandLine(List<String> argv, boolean replaceShell) {
        return commandLineOfBytes(argv.stream().map(arg -> arg.getBytes(StandardCharsets.UTF_8)).toList(),
                replaceShell);
    }

    /**
     * The same for arguments given as bytes, which need not be UTF-8: each byte is handled as one ISO-8859-1
     * char, so quoting (which only adds ASCII) keeps every byte, and any argument that is not plain portable ASCII
     * travels in the base64 form, whose decoding on the server gives the bytes back exactly.
     */
    static String commandLineOfBytes(List<byte[]> argv, boolean replaceShell) {
        List<String> chars = argv.stream().map(arg -> new String(arg, StandardCharsets.ISO_8859_1)).toList();
        String posix = quote(chars);
        String exec = replaceShell ? "exec " : "";
        if (chars.stream().allMatch(arg -> PORTABLE.matcher(arg).matches())) {
            return exec + posix;
        }
        String encoded = Base64.getEncoder().encodeToString(posix.getBytes(StandardCharsets.ISO_8859_1));
        return exec + "sh -c 'eval \"" + exec + "$(printf %s " + encoded + " | base64 -d)\"'";
    }

    /**
     * The POSIX command line inside a text {@link RemoteShell} sent: the text itself, or what its base64 form
     * decodes to. For logs, and for test servers that look at the commands they receive.
     */
    public static String plainCommandLine(String sent) {
        var encoded = ENCODED.matcher(sent);
        if (!encoded.matches()) {
            return sent;
        }
        return new String(Base64.getDecoder().decode(encoded.group(1)), StandardCharsets.UTF_8);
    }

    /**
     * Runs argv; stdout/stderr lines (UTF-8) go to the consumers as they arrive (on an SSH thread);
     * returns the exit status. Timeout: TetherException(REMOTE_FAILED, "error.remote.timeout").
     */
    public int run(List<String> argv, Consumer<String> stdout, Consumer<String> stderr, Duration timeout) {
        return run(argv, null, stdout, stderr, timeout);
    }

    /** Same, but feeds stdinBytes to the command's stdin and closes it (how secrets reach the server). */
    public int run(List<String> argv, byte[] stdinBytes, Consumer<String> stdout, Consumer<String> stderr,
            Duration timeout) {
        LineSplitter out = new LineSplitter(stdout);
        LineSplitter err = new LineSplitter(stderr);
        int code = execute(argv, stdinBytes, out, err, timeout);
        out.finish();
        err.finish();
        return code;
    }

    /**
     * Runs argv as {@code ssh host cmd} does: stdin is forwarded until it ends (then the command sees EOF; null:
     * EOF at once), stdout and stderr bytes are copied unchanged, and the exit code comes back (128+N for a
     * signal). The command replaces the login shell ({@code exec}), so that on timeout a TERM signal (RFC 4254
     * "signal" request, which OpenSSH's sshd delivers since 7.9) reaches the command itself; KILL follows
     * after {@link #STOP_GRACE}. The timeout's TetherException says whether the command was seen to stop.
     */
    public int stream(List<String> argv, java.io.InputStream stdin, OutputStream stdout, OutputStream stderr,
            Duration timeout, java.util.concurrent.ExecutorService pump) {
        return streamBytes(argv.stream().map(arg -> arg.getBytes(StandardCharsets.UTF_8)).toList(), stdin, stdout,
                stderr, timeout, pump);
    }

    /** {@link #stream} for arguments given as the exact bytes to pass (which need not be UTF-8). */
    public int streamBytes(List<byte[]> argv, java.io.InputStream stdin, OutputStream stdout, OutputStream stderr,
            Duration timeout, java.util.concurrent.ExecutorService pump) {
        String name = new String(argv.get(0), StandardCharsets.UTF_8);
        ChannelExec channel = open(commandLineOfBytes(argv, true), name, stdout, stderr, timeout);
        try {
            OutputStream toRemote = channel.getInvertedIn();
            if (stdin == null) {
                closeQuietly(toRemote);
            } else {
                pump.execute(() -> forward(stdin, toRemote, name));
            }
            CountDownLatch closed = new CountDownLatch(1);
            channel.addCloseFutureListener(f -> closed.countDown());
            try {
                if (!closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    long seconds = Math.max(1, timeout.toSeconds());
                    boolean stopped = stop(channel, closed);
                    throw new TetherException(ErrorCode.REMOTE_FAILED, stopped ? "error.remote.timeoutStopped"
                            : "error.remote.timeoutLeftRunning", name, seconds);
                }
            } catch (InterruptedException e) {
                channel.close(true);
                Thread.currentThread().interrupt();
                throw new TetherException(ErrorCode.REMOTE_FAILED, e, "error.remote.cancelled", name);
            }
            return exitCode(channel, name, stderr);
        } finally {
            channel.close(false);
        }
    }

    /**
     * Starts argv (replacing the login shell) and leaves it running: the caller writes to its stdin with
     * {@link Standing#send} and its output goes to {@code stdout}/{@code stderr} as it comes (on an SSH thread).
     * For a program that reads commands from stdin, such as {@code sh}, run again and again: the server then starts
     * the login shell (and its start-up files) once, not once per command. {@code openTimeout} bounds the opening.
     */
    public Standing keepRunning(List<String> argv, OutputStream stdout, OutputStream stderr, Duration openTimeout) {
        return new Standing(open(commandLine(argv, true), argv.get(0), stdout, stderr, openTimeout));
    }

    /**
     * A command started by {@link #keepRunning}. Closing it ends the command's stdin, sends it TERM and closes the
     * channel: sshd does not end a command when its channel closes, and a shell waiting for input would stay.
     */
    public static final class Standing implements AutoCloseable {
        private final ChannelExec channel;
        private final OutputStream stdin;

        private Standing(ChannelExec channel) {
            this.channel = channel;
            this.stdin = channel.getInvertedIn();
        }

        /** Writes {@code bytes} to the command's stdin. */
        public void send(byte[] bytes) throws IOException {
            synchronized (stdin) {
                stdin.write(bytes);
                stdin.flush();
            }
        }

        /** False once the command ended or the channel or its session closed. */
        public boolean isOpen() {
            return channel.isOpen() && !channel.isClosing();
        }

        /** Runs {@code action} once the channel has closed (at once if it already has). */
        public void onClose(Runnable action) {
            channel.addCloseFutureListener(f -> action.run());
        }

        @Override
        public void close() {
            if (!isOpen()) {
                return;
            }
            closeQuietly(stdin);
            signal(channel, "TERM");
            channel.close(false);
        }
    }

    /** How long a timed-out command gets after TERM before KILL, and after KILL before the channel is closed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** TERM, then KILL, then close; true when the command ended (its channel closed) before Tether closed it. */
    private static boolean stop(ChannelExec channel, CountDownLatch closed) throws InterruptedException {
        for (String signal : List.of("TERM", "KILL")) {
            signal(channel, signal);
            if (closed.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        channel.close(true);
        return false;
    }

    /** Sends the command a signal (RFC 4254 "signal" request; OpenSSH's sshd delivers it since 7.9). */
    private static void signal(ChannelExec channel, String signal) {
        try {
            org.apache.sshd.common.util.buffer.Buffer request = channel.getSession().createBuffer(
                    org.apache.sshd.common.SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
            request.putUInt(channel.getRecipient());
            request.putString("signal");
            request.putBoolean(false);
            request.putString(signal);
            channel.writePacket(request);
        } catch (IOException e) {
            LOG.debug("cannot send {} to the remote command: {}", signal, e.toString());
        }
    }

    /** Copies local stdin to the command until stdin ends, then sends EOF (as ssh does). */
    private static void forward(java.io.InputStream stdin, OutputStream toRemote, String name) {
        byte[] buffer = new byte[32 * 1024];
        try {
            for (int n; (n = stdin.read(buffer)) >= 0;) {
                toRemote.write(buffer, 0, n);
                toRemote.flush();
            }
        } catch (IOException e) {
            // The command ended or closed its stdin; its exit status tells what happened.
            LOG.debug("stdin of {} not forwarded further: {}", name, e.toString());
        } finally {
            closeQuietly(toRemote);
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing the remote stdin: {}", e.toString());
        }
    }

    /** Runs argv and collects its output (UTF-8). */
    public CommandResult capture(List<String> argv, Duration timeout) {
        return capture(argv, null, timeout);
    }

    public CommandResult capture(List<String> argv, byte[] stdinBytes, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = execute(argv, stdinBytes, out, err, timeout);
        return new CommandResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private int execute(List<String> argv, byte[] stdinBytes, OutputStream out, OutputStream err, Duration timeout) {
        String command = commandLine(argv);
        String name = argv.get(0);
        ChannelExec channel = open(command, name, out, err, timeout);
        try {
            try (OutputStream stdin = channel.getInvertedIn()) {
                if (stdinBytes != null && stdinBytes.length > 0) {
                    stdin.write(stdinBytes);
                    stdin.flush();
                }
            } catch (IOException e) {
                // The command may exit without reading its stdin; its exit status still tells what happened.
                LOG.debug("stdin of {} closed early: {}", name, e.toString());
            }
            // Not ChannelExec.waitFor: it swallows interrupts, and an interrupt is how callers cancel.
            CountDownLatch closed = new CountDownLatch(1);
            channel.addCloseFutureListener(f -> closed.countDown());
            try {
                if (!closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    channel.close(true);
                    throw new TetherException(ErrorCode.REMOTE_FAILED, "error.remote.timeout", name,
                            Math.max(1, timeout.toSeconds()));
                }
            } catch (InterruptedException e) {
                channel.close(true);
                Thread.currentThread().interrupt();
                throw new TetherException(ErrorCode.REMOTE_FAILED, e, "error.remote.cancelled", name);
            }
            return exitCode(channel, name, err);
        } finally {
            channel.close(false);
        }
    }

    private ChannelExec open(String command, String name, OutputStream out, OutputStream err, Duration timeout) {
        IOException failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            ClientSession session = sessions.get();
            try {
                ChannelExec channel = session.createExecChannel(command);
                channel.setOut(out);
                channel.setErr(err);
                channel.open().verify(timeout);
                return channel;
            } catch (IOException e) {
                failure = e;
                if (session.isOpen()) {
                    break;
                }
                // The pooled session died under us; the pool replaces a closed session, so try once more.
            }
        }
        throw new TetherException(ErrorCode.REMOTE_FAILED, failure, "error.remote.failed", name, where,
                String.valueOf(failure.getMessage()));
    }

    private static int exitCode(ChannelExec channel, String name, OutputStream err) {
        Integer status = channel.getExitStatus();
        if (status != null) {
            return status;
        }
        String signal = channel.getExitSignal();
        if (signal != null) {
            // As a POSIX shell reports a command killed by a signal: 128 + its number.
            try {
                err.write((app.tether.core.Messages.get("error.remote.signal", name, signal) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException e) {
                LOG.debug("cannot report signal", e);
            }
            return 128 + SIGNALS.getOrDefault(signal, 127);
        }
        throw new TetherException(ErrorCode.REMOTE_FAILED, "error.remote.noExitStatus", name);
    }

    /** Turns a byte stream into UTF-8 lines (without their line ends) handed to a consumer. */
    static final class LineSplitter extends OutputStream {
        private final Consumer<String> consumer;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSplitter(Consumer<String> consumer) {
            this.consumer = consumer;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, start, i - start);
                    emit();
                    start = i + 1;
                }
            }
            line.write(bytes, start, offset + length - start);
        }

        synchronized void finish() {
            if (line.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            consumer.accept(text);
        }
    }
}
