package app.tether.cli;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.providers.Providers;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.workflow.Lifecycle;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshConfigFile;
import app.tether.ssh.SshSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Supplier;

/** What every command needs: the environment, the inventory store and the output streams. */
public final class CliContext {
    private final Environment environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private java.io.InputStream in = java.io.InputStream.nullInputStream();
    private java.io.OutputStream rawOut;
    private java.io.OutputStream rawErr;
    private java.util.List<byte[]> rawArguments;
    private InventoryStore store;
    private boolean acceptNewHostKey;
    private SshSessions sshSessions;
    private Supplier<SshSessions> sshSessionsFactory;
    private Providers providers;
    private Lifecycle lifecycle;
    private app.tether.instance.InstanceServices instance;
    private CliConsole console = CliConsole.system();

    public CliContext(Environment environment, PrintWriter out, PrintWriter err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public Environment environment() {
        return environment;
    }

    public InventoryStore store() {
        if (store == null) {
            store = new InventoryStore(environment.inventoryFile());
        }
        return store;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /**
     * The byte streams behind {@link #out()} and {@link #err()} and the standard input, for commands that pass
     * bytes through unchanged ({@code exec}). Without them (tests that only read text) exec writes through the
     * text writers.
     */
    public CliContext withStreams(java.io.InputStream stdin, java.io.OutputStream stdout,
            java.io.OutputStream stderr) {
        this.in = stdin;
        this.rawOut = stdout;
        this.rawErr = stderr;
        return this;
    }

    /**
     * The arguments of this run as the bytes the user typed (see {@link RawArguments}); null when unknown (tests,
     * or systems that do not keep them).
     */
    public CliContext withRawArguments(java.util.List<byte[]> arguments) {
        this.rawArguments = arguments == null ? null : java.util.List.copyOf(arguments);
        return this;
    }

    public java.util.List<byte[]> rawArguments() {
        return rawArguments;
    }

    public java.io.InputStream in() {
        return in;
    }

    /** Standard output as bytes; {@link #out()} is flushed first so text and bytes keep their order. */
    public java.io.OutputStream rawOut() {
        out.flush();
        return rawOut != null ? rawOut : new WriterBytes(out);
    }

    public java.io.OutputStream rawErr() {
        err.flush();
        return rawErr != null ? rawErr : new WriterBytes(err);
    }

    /** Bytes into a text writer (UTF-8), only for contexts without byte streams. */
    private static final class WriterBytes extends java.io.OutputStream {
        private final PrintWriter writer;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterBytes(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            pending.write(bytes, offset, length);
        }

        @Override
        public synchronized void flush() {
            writer.write(pending.toString(java.nio.charset.StandardCharsets.UTF_8));
            pending.reset();
            writer.flush();
        }
    }

    /** Set by the global {@code --accept-new-host-key}: trust unknown host keys (never changed ones). */
    public void acceptNewHostKey(boolean accept) {
        this.acceptNewHostKey = accept;
    }

    public HostKeyPolicy hostKeyPolicy() {
        return acceptNewHostKey ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.REFUSE_UNKNOWN;
    }

    /** Replaces how sessions are made (tests: a fixed agent socket or a short timeout). */
    public void sshSessionsFactory(Supplier<SshSessions> factory) {
        this.sshSessionsFactory = factory;
    }

    /** The SSH sessions of this command, made on first use and closed when the command ends. */
    public synchronized SshSessions sshSessions() {
        if (sshSessions == null) {
            sshSessions = instance != null ? instance.sessions()
                    : sshSessionsFactory != null ? sshSessionsFactory.get()
                    : new SshSessions(environment, hostKeyPolicy(), new TerminalPrompts(console));
        }
        return sshSessions;
    }

    /** The SSH server called {@code name}: NOT_FOUND when there is none, INVALID when it is another kind. */
    public SshServer target(String name) {
        Target target = store().load().require(name);
        if (target instanceof SshServer server) {
            return server;
        }
        throw new TetherException(ErrorCode.INVALID, "error.target.notSsh", target.name());
    }

    /**
     * The SSH server that reaches the target called {@code name}: the target itself for an SSH server, else the
     * one its provider names for the running target (a GCE VM, a CNB workspace with SSH). Starts nothing;
     * INVALID for a stopped target or a kind not reached over SSH.
     */
    public SshServer sshReachable(String name) throws InterruptedException {
        Target target = store().load().require(name);
        if (target instanceof SshServer server) {
            return server;
        }
        return providers().forTarget(target).sshServer(target, new CliProgress(this)).orElseThrow(
                () -> new TetherException(ErrorCode.INVALID, "error.target.notOverSsh", target.name(),
                        target.kind().id()));
    }

    /** The provider of every kind, probing SSH servers through this command's sessions. */
    public synchronized Providers providers() {
        if (providers == null) {
            providers = StandardProviders.create(environment, this::sshSessions);
        }
        return providers;
    }

    /** Checked actions on targets of every kind, recording what it sees in the state cache. */
    public synchronized Lifecycle lifecycle() {
        if (lifecycle == null) {
            lifecycle = new Lifecycle(providers(), stateCache());
        }
        return lifecycle;
    }

    public StateCache stateCache() {
        return StateCache.in(environment);
    }

    /**
     * This command runs inside the per-user instance: its SSH sessions and tunnels are the instance's (they stay
     * open after the command), and its questions go to {@code console} (the client's terminal).
     */
    public CliContext inInstance(app.tether.instance.InstanceServices services, CliConsole clientConsole) {
        this.instance = services;
        this.console = clientConsole;
        return this;
    }

    /** The instance this command runs in; empty when it runs in its own process. */
    public java.util.Optional<app.tether.instance.InstanceServices> instance() {
        return java.util.Optional.ofNullable(instance);
    }

    /** The user's terminal for questions (this process's, or the instance client's). */
    public CliConsole console() {
        return console;
    }

    /** Ends what the command opened (SSH sessions; the instance's shared ones stay open). */
    public synchronized void close() {
        if (sshSessions != null && instance == null) {
            sshSessions.close();
            sshSessions = null;
        }
    }

    /** The user's ~/.ssh/config (empty when there is none). */
    public SshConfigFile sshConfig() {
        try {
            return SshConfigFile.read(environment.sshConfig(), environment.sshDir());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.sshConfig.read", environment.sshConfig(), e.getMessage());
        }
    }
}
