package app.tether.ssh;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuth;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.Property;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.future.WaitableFuture;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pooled, authenticated MINA session per target, shared by probes, commands and tunnels. Host keys are
 * checked against the user's known_hosts ({@link HostKeyTrust}); ~/.ssh/config, ssh-agent and key files are
 * used as OpenSSH would. Thread-safe: two threads asking for the same target share one connect.
 */
public final class SshSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshSessions.class);
    /** AES-GCM first: MINA's ChaCha20 is pure Java and about half as fast (toolchain.md, throughput table). */
    static final String CIPHERS =
            "aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes128-ctr,aes256-ctr";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int PASSWORD_PROMPTS = 3;

    private final Environment env;
    private final SshPrompts prompts;
    private final Duration connectTimeout;
    private final SshClient client;
    private final java.nio.channels.AsynchronousChannelGroup channelGroup;
    private final Map<String, Pooled> pool = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<Path, char[]> passphrases = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Pooled(SshServer target, ClientSession session) {
    }

    public SshSessions(Environment env, HostKeyPolicy policy, SshPrompts prompts) {
        this(env, policy, prompts, DEFAULT_CONNECT_TIMEOUT);
    }

    public SshSessions(Environment env, HostKeyPolicy policy, SshPrompts prompts, Duration connectTimeout) {
        this(env, policy, prompts, connectTimeout, agentSocketFromEnvironment());
    }

    /** As above, with the ssh-agent socket given ({@code null}: no agent) instead of read from SSH_AUTH_SOCK. */
    public SshSessions(Environment env, HostKeyPolicy policy, SshPrompts prompts, Duration connectTimeout,
            Path agentSocket) {
        this.env = env;
        this.prompts = prompts;
        this.connectTimeout = connectTimeout;
        this.client = SshClient.setUpDefaultClient();
        // G16: MINA accepts every host key unless told otherwise.
        client.setServerKeyVerifier(new HostKeyTrust(env.knownHosts(), policy));
        client.addSessionListener(new KnownKeyTypesFirst(env.knownHosts()));
        // Tether resolves ~/.ssh/config itself (from env, never the JVM's user.home) and loads keys per hop.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setCipherFactoriesNameList(CIPHERS);
        this.channelGroup = ioGroup();
        client.setIoServiceFactoryFactory(new ChannelGroupIoFactory(channelGroup));
        client.setUserAuthFactories(SshClient.DEFAULT_USER_AUTH_FACTORIES.stream()
                .map(SshSessions::recording).toList());
        client.setAgentFactory(agentSocket == null ? null : new UnixSocketAgentFactory(agentSocket));
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, connectTimeout);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, SshRoutes.DEFAULT_ALIVE_INTERVAL);
        CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, SshRoutes.DEFAULT_ALIVE_INTERVAL);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
        // Looked up at every socket read and write: set here, the lookup ends at the client instead of walking on
        // to the JVM's system properties (2 % of a forwarded download's CPU).
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, CoreModuleProperties.NIO2_READ_TIMEOUT.getRequiredDefault());
        // Looked up for every channel, so for every forwarded connection (its registration, both windows, its close):
        // the same, each with the value it has now (a system property that sets one still counts). 1-2 % of a warmed
        // `tether forward` process in bursts of new connections went to building system property names.
        pin(client, CoreModuleProperties.MAX_CONCURRENT_CHANNELS);
        pin(client, CoreModuleProperties.LIMIT_PACKET_SIZE);
        pin(client, CoreModuleProperties.CHANNEL_CLOSE_TIMEOUT);
        // No write timeout: with one (MINA's default is 30 s) every socket write that has to wait for room schedules
        // and cancels a JDK timer task (5 % of a forwarded upload's I/O thread, and the timer thread's wake-ups). A
        // server that stops reading is still caught: CoalescingSession's one watchdog fails a session whose write
        // has made no progress for 30 s.
        CoreModuleProperties.NIO2_MIN_WRITE_TIMEOUT.set(client, Duration.ZERO);
        // New keys as OpenSSH makes them: by the cipher's blocks (RFC 4344: 2^32 blocks, 64 GiB, for AES; 1 GiB for
        // ciphers with smaller blocks) and, as MINA does, every hour; not MINA's extra every-GiB limit. Each key
        // exchange is sntrup761x25519 in BouncyCastle's Java: in a process that had not made one since it started
        // (the JIT had not compiled it), the one at the first GiB cost a forwarded upload 0.5-0.7 s of the C2
        // compiler's CPU and over a quarter of its throughput (TunnelBenchmark, fresh `tether forward`, three pairs:
        // 0.66-0.70x of `ssh -c aes128-gcm` with it, 0.89-1.00x without).
        CoreModuleProperties.REKEY_BYTES_LIMIT.set(client, 0L);
        client.start();
    }

    /** Sets {@code property} on {@code resolver} to the value it resolves to now, so lookups stop there. */
    private static <T> void pin(PropertyResolver resolver, Property<T> property) {
        property.set(resolver, property.getRequired(resolver));
    }

    /**
     * The I/O thread of every session. One, because with more the JDK wakes another thread to poll on
     * every socket event, which costs each forwarded round trip about 10-15 us (TunnelBenchmark: 1.4x
     * OpenSSH's latency with 4 threads, 1.05x with 1). Prompts (host key, password, passphrase) never
     * block it: handshakes run off the I/O thread (ChannelGroupIoFactory.HandshakeLane).
     */
    private static java.nio.channels.AsynchronousChannelGroup ioGroup() {
        java.util.concurrent.ThreadFactory threads = app.tether.core.BackgroundExecutors.threads("ssh-io");
        try {
            return java.nio.channels.AsynchronousChannelGroup.withFixedThreadPool(
                    1, work -> threads.newThread(() -> runAsMinaInternal(work)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Runs the I/O thread as one of MINA's own. During a key exchange MINA makes any other thread that sends
     * channel data wait until the exchange is done; the tunnels' socket callbacks run on this thread, and waiting
     * there stopped the very thread that reads the server's half of the exchange: an upload in progress when keys
     * were renewed (every GiB or hour, by either side) froze the whole session until MINA's timeout. MINA's
     * threads queue such data instead (its own port forwarder marks its socket callbacks the same way).
     */
    private static void runAsMinaInternal(Runnable work) {
        try {
            org.apache.sshd.common.util.threads.ThreadUtils.runAsInternal(() -> {
                work.run();
                return null;
            });
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // Runnable.run throws nothing checked
        }
    }

    /**
     * The channel group the sessions' sockets live in; tunnels open their local sockets in it so that
     * forwarded data never changes threads between the local socket and the SSH socket.
     */
    public java.nio.channels.AsynchronousChannelGroup channelGroup() {
        return channelGroup;
    }

    private static Path agentSocketFromEnvironment() {
        String socket = System.getenv("SSH_AUTH_SOCK");
        return socket == null || socket.isBlank() ? null : Path.of(socket);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Opens (or reuses while still open) an authenticated session; reconnects when the pooled one was closed.
     * Throws TetherException CANNOT_CONNECT / AUTH_FAILED / HOST_KEY_REFUSED with clear message keys.
     */
    public ClientSession session(SshServer target) {
        return session(target, false);
    }

    /**
     * Like {@link #session(SshServer)}, but a new connection asks nobody anything: an unknown host key is
     * declined and a key whose passphrase is not cached yet is skipped. Background work (status refresh)
     * uses this so that it never pops a dialog; the pooled session is shared either way.
     */
    public ClientSession quietSession(SshServer target) {
        return session(target, true);
    }

    private ClientSession session(SshServer target, boolean quiet) {
        if (closed) {
            throw new IllegalStateException("SshSessions closed");
        }
        Object lock = locks.computeIfAbsent(target.name(), name -> new Object());
        synchronized (lock) {
            Pooled pooled = pool.get(target.name());
            if (pooled != null) {
                if (pooled.session().isOpen() && !pooled.session().isClosing() && pooled.target().equals(target)) {
                    return pooled.session();
                }
                pool.remove(target.name());
                pooled.session().close(true);
            }
            ClientSession session = connect(target, quiet);
            pool.put(target.name(), new Pooled(target, session));
            session.addCloseFutureListener(f -> pool.remove(target.name(), new Pooled(target, session)));
            return session;
        }
    }

    /** Whether {@code target} (as defined now) has an open pooled session, so that using it needs no connect. */
    public boolean hasOpenSession(SshServer target) {
        Pooled pooled = pool.get(target.name());
        return pooled != null && pooled.session().isOpen() && !pooled.session().isClosing()
                && pooled.target().equals(target);
    }

    /** A shell that runs commands on the pooled session of {@code target}, reconnecting when needed. */
    public RemoteShell shell(SshServer target) {
        return new RemoteShell(() -> session(target), target.name());
    }

    /** Like {@link #shell(SshServer)}, but connecting never prompts (see {@link #quietSession(SshServer)}). */
    public RemoteShell quietShell(SshServer target) {
        return new RemoteShell(() -> quietSession(target), target.name());
    }

    /** Drops the pooled session of that target (closed by caller or broken). */
    public void invalidate(String targetName) {
        Pooled pooled = pool.remove(targetName);
        if (pooled != null) {
            pooled.session().close(true);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (String name : List.copyOf(pool.keySet())) {
            invalidate(name);
        }
        try {
            client.stop();
        } catch (RuntimeException e) {
            LOG.debug("Stopping the SSH client", e);
        }
        passphrases.values().forEach(secret -> Arrays.fill(secret, '\0'));
        passphrases.clear();
    }

    /**
     * Works out how {@code target} is reached from ~/.ssh/config without connecting; a mistake there (say
     * {@code Port notaport}) is a TetherException INVALID or IO, a local problem rather than an unreachable server.
     */
    public void checkRoute(SshServer target) {
        new SshRoutes(readConfig(), env.userHome(), System.getProperty("user.name")).hops(target);
    }

    private ClientSession connect(SshServer target, boolean quiet) {
        SshRoutes routes = new SshRoutes(readConfig(), env.userHome(), System.getProperty("user.name"));
        List<SshEndpoint> hops = routes.hops(target);
        ClientSession via = null;
        List<ClientSession> opened = new ArrayList<>();
        try {
            for (SshEndpoint hop : hops) {
                ClientSession session = connectHop(hop, via, quiet);
                if (via != null) {
                    // A hop lives and dies with the one it goes through.
                    ClientSession outer = via;
                    outer.addCloseFutureListener(f -> session.close(true));
                    session.addCloseFutureListener(f -> outer.close(true));
                }
                opened.add(session);
                via = session;
            }
            LOG.info("Connected to {} ({} hop(s))", target.name(), hops.size());
            return via;
        } catch (RuntimeException e) {
            opened.forEach(s -> s.close(true));
            throw e;
        }
    }

    private SshConfigFile readConfig() {
        try {
            return SshConfigFile.read(env.sshConfig(), env.sshDir());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.sshConfig.read", env.sshConfig(), e.getMessage());
        }
    }

    private ClientSession connectHop(SshEndpoint hop, ClientSession via, boolean quiet) {
        ConnectAttempt attempt = new ConnectAttempt(hop, quiet, prompts.forConnection());
        String where = hop.hostPort();
        String host;
        int port;
        if (via == null) {
            lookUp(hop.hostName());
            host = hop.hostName();
            port = hop.port();
        } else {
            try {
                // Through the previous hop: a loopback forward to this one, as MINA's own ProxyJump does.
                ExplicitPortForwardingTracker tracker = via.createLocalPortForwardingTracker(
                        new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(hop.hostName(), hop.port()));
                via.addCloseFutureListener(f -> closeQuietly(tracker));
                host = "127.0.0.1";
                port = tracker.getBoundAddress().getPort();
            } catch (IOException e) {
                throw new TetherException(ErrorCode.CANNOT_CONNECT, e, "error.ssh.connectFailed", where,
                        String.valueOf(e.getMessage()));
            }
        }
        ClientSession session = null;
        try {
            ConnectFuture connecting = client.connect(hop.user(), host, port, attempt.asContext(), null);
            await(connecting, attempt, where);
            if (connecting.getException() != null) {
                throw failure(connecting.getException(), attempt, where);
            }
            session = connecting.getSession();
            session.setKeyIdentityProvider(new IdentityFiles(hop.identityFiles(), passphrases, attempt));
            session.setUserInteraction(new Interaction(attempt));
            if (!hop.aliveInterval().isZero()) {
                CoreModuleProperties.HEARTBEAT_INTERVAL.set(session, hop.aliveInterval());
            }
            AuthFuture auth = session.auth();
            await(auth, attempt, where);
            if (!auth.isSuccess()) {
                throw notSsh(session, attempt, where, failure(auth.getException(), attempt, where));
            }
            return session;
        } catch (IOException e) {
            if (session != null) {
                session.close(true);
            }
            throw notSsh(session, attempt, where, failure(e, attempt, where));
        } catch (RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            throw e;
        }
    }

    /**
     * Resolves the host name within the connect timeout: the JDK's lookup has no timeout of its own (the system
     * resolver may retry for far longer), so it runs on a resolver thread and is abandoned when too slow. The
     * answer lands in the JDK's address cache, which MINA's connect then uses.
     */
    private void lookUp(String hostName) {
        java.util.concurrent.Future<InetAddress> lookup = RESOLVER.submit(() -> InetAddress.getByName(hostName));
        try {
            lookup.get(connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new TetherException(ErrorCode.CANNOT_CONNECT, e.getCause(), "error.ssh.unknownHost", hostName);
        } catch (java.util.concurrent.TimeoutException e) {
            lookup.cancel(true);
            throw new TetherException(ErrorCode.CANNOT_CONNECT, e, "error.ssh.dnsTimeout", hostName,
                    Math.max(1, connectTimeout.toSeconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TetherException(ErrorCode.CANNOT_CONNECT, e, "error.ssh.cancelled", hostName);
        }
    }

    /** Name lookups, shared by every SshSessions: daemon threads, idle ones end after a minute. */
    private static final java.util.concurrent.ExecutorService RESOLVER = app.tether.core.BackgroundExecutors.pool("dns");

    /** Waits for a connect or auth step; the time a person spends answering a prompt does not count. */
    private void await(WaitableFuture future, ConnectAttempt attempt, String where) throws IOException {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        while (true) {
            if (future.await(100, TimeUnit.MILLISECONDS)) {
                return;
            }
            if (attempt.failure() != null) {
                return; // refused by the verifier; MINA closes the session shortly
            }
            if (attempt.prompting()) {
                deadline = System.nanoTime() + connectTimeout.toNanos();
            } else if (System.nanoTime() - deadline > 0) {
                if (future instanceof org.apache.sshd.common.future.Cancellable cancellable) {
                    cancellable.cancel();
                }
                throw new TetherException(ErrorCode.CANNOT_CONNECT, "error.ssh.timeout", where,
                        Math.max(1, connectTimeout.toSeconds()));
            }
        }
    }

    /**
     * A connection that ended before the server sent an SSH greeting ("SSH-2.0-..."): whatever the socket error
     * was (reset by an HTTP server, broken pipe from a peer that closes at once), the reason to give is that this
     * is not an SSH server answering.
     */
    private static TetherException notSsh(ClientSession session, ConnectAttempt attempt, String where,
            TetherException failure) {
        if (session == null || attempt.failure() != null || session.getServerVersion() != null
                || failure.code() == ErrorCode.HOST_KEY_REFUSED) {
            return failure;
        }
        return new TetherException(ErrorCode.CANNOT_CONNECT, failure, "error.ssh.notSsh", where);
    }

    /** Turns what MINA or the JDK threw into a message a user can act on. */
    private TetherException failure(Throwable error, ConnectAttempt attempt, String where) {
        if (attempt.failure() != null) {
            return attempt.failure();
        }
        if (error instanceof TetherException tether) {
            return tether;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TetherException tether) {
                return tether;
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return new TetherException(ErrorCode.CANNOT_CONNECT, error, "error.ssh.unknownHost",
                        attempt.endpoint().hostName());
            }
            if (cause instanceof ConnectException && !(cause instanceof NoRouteToHostException)) {
                return new TetherException(ErrorCode.CANNOT_CONNECT, error, "error.ssh.refused", where);
            }
            if (cause instanceof InterruptedIOException && Thread.currentThread().isInterrupted()
                    || cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return new TetherException(ErrorCode.CANNOT_CONNECT, error, "error.ssh.cancelled", where);
            }
            if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
                return new TetherException(ErrorCode.CANNOT_CONNECT, error, "error.ssh.timeout", where,
                        Math.max(1, connectTimeout.toSeconds()));
            }
        }
        String text = String.valueOf(error == null ? null : error.getMessage());
        if (text.contains("No more authentication methods") || text.contains("authentication")) {
            String[] keyProblem = attempt.keyProblem();
            if (keyProblem != null) {
                // Without this the user saw only "permission denied" for a key file that was never read.
                return new TetherException(ErrorCode.AUTH_FAILED, error, "error.ssh.keyUnreadable", where,
                        attempt.endpoint().user(), keyProblem[0], keyProblem[1]);
            }
            List<String> tried = attempt.methodsTried();
            return new TetherException(ErrorCode.AUTH_FAILED, error, "error.ssh.authFailed", where,
                    attempt.endpoint().user(), tried.isEmpty() ? "none" : String.join(", ", tried));
        }
        return new TetherException(ErrorCode.CANNOT_CONNECT, error, "error.ssh.connectFailed", where, text);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("close", e);
        }
    }

    /** Notes each auth method as it is tried, so "permission denied" can say which ones were. */
    private static UserAuthFactory recording(UserAuthFactory factory) {
        return new UserAuthFactory() {
            @Override
            public String getName() {
                return factory.getName();
            }

            @Override
            public UserAuth createUserAuth(ClientSession session) throws IOException {
                ConnectAttempt attempt = ConnectAttempt.of(session);
                if (attempt != null) {
                    attempt.tried(factory.getName());
                }
                return factory.createUserAuth(session);
            }
        };
    }

    /** Password and keyboard-interactive answers, asked through {@link SshPrompts#password} as a last resort. */
    private final class Interaction implements UserInteraction {
        private final ConnectAttempt attempt;

        Interaction(ConnectAttempt attempt) {
            this.attempt = attempt;
        }

        @Override
        public boolean isInteractionAllowed(ClientSession session) {
            return true;
        }

        @Override
        public String[] interactive(ClientSession session, String name, String instruction, String lang,
                String[] promptTexts, boolean[] echo) {
            if (promptTexts == null || promptTexts.length == 0) {
                return new String[0];
            }
            String[] answers = new String[promptTexts.length];
            for (int i = 0; i < promptTexts.length; i++) {
                if (echo != null && i < echo.length && echo[i]) {
                    return null; // a question Tether cannot answer for the user
                }
                String password = askPassword();
                if (password == null) {
                    return null;
                }
                answers[i] = password;
            }
            return answers;
        }

        @Override
        public String resolveAuthPasswordAttempt(ClientSession session) {
            return askPassword();
        }

        @Override
        public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
            return null;
        }

        private String askPassword() {
            if (attempt.nextPasswordPrompt() > PASSWORD_PROMPTS) {
                return null;
            }
            Optional<char[]> answer = attempt.prompting(() -> attempt.prompts().password(attempt.endpoint().userAtHost()),
                    Optional.empty());
            if (answer.isEmpty()) {
                return null;
            }
            char[] secret = answer.get();
            try {
                return new String(secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
    }
}
