package app.tether.tunnel;

import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forward that owns its local port on 127.0.0.1 and keeps it while the SSH link comes and goes.
 * It accepts local connections itself and opens one direct-tcpip channel per connection on whatever
 * session is current, so when the session drops it simply reconnects (backoff with jitter) and the
 * same port serves again. Connections made while reconnecting wait briefly instead of failing.
 */
public final class StableTunnel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StableTunnel.class);

    /**
     * How long a new local connection waits, from the moment it was accepted, for the link to come back before it
     * is dropped. Long enough for a server that is frozen, rebooting or changing networks (a browser shows a
     * spinner meanwhile); each reconnect attempt is itself bounded by the SSH connect timeout.
     */
    static final Duration CONNECTION_WAIT = Duration.ofMinutes(2);
    private static final Duration CHANNEL_OPEN_TIMEOUT = Duration.ofSeconds(15);
    /** How often unanswered channel openings are checked against {@link #CHANNEL_OPEN_TIMEOUT}. */
    private static final Duration OPENINGS_CHECK = Duration.ofSeconds(1);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);
    /** How long a tunnel without connections keeps the buffers of its last ones ({@link #trimIdlePools}). */
    static final Duration POOL_IDLE_TRIM = Duration.ofMinutes(1);
    private static final int BACKLOG = 128;

    private final SessionSource source;
    private final TunnelSpec spec;
    private final AsynchronousServerSocketChannel listener;
    private final int localPort;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final List<Consumer<TunnelStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Set<TunnelConnection> connections = ConcurrentHashMap.newKeySet();
    /**
     * Download buffers for new connections: 16, 32 and 64 KiB, at most 128, 64 and 32 of them (2 MiB each, 6 MiB in
     * all, held once a burst of connections has ended).
     */
    private final DirectBufferPool downloadBuffers = new DirectBufferPool(TunnelConnection.FIRST_DOWNLOAD_BUFFER, 3, 128);
    /**
     * Upload packet buffers for new connections: 128 at most (4 MiB with OpenSSH's 32 KiB packets), as many as
     * connections open at once in a burst of 100 (TunnelBenchmark: with 32 kept, 424 of 1 000 connections made a new
     * one, with 128, 41).
     */
    private final PacketPool uploadPackets = new PacketPool(128);
    /** Channel openings not answered yet, checked while there are any ({@link #checkOpenings}). */
    private final Set<Opening> openings = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean openingsWatched = new AtomicBoolean();
    /** Connections started so far, and that count when the pools were last looked at ({@link #trimIdlePools}). */
    private final AtomicLong connectionsStarted = new AtomicLong();
    private long startedAtLastTrim = -1; // guarded by lock

    private final Object lock = new Object();
    private ClientSession current;
    private TunnelStatus status = new TunnelStatus.Connecting();
    private boolean attemptRunning;
    private long attemptsFinished;
    private int failures;
    private ScheduledFuture<?> nextAttempt;
    private TetherException lastFailure;
    private volatile boolean closed;

    private StableTunnel(SessionSource source, TunnelSpec spec, AsynchronousServerSocketChannel listener,
            int localPort) {
        this.source = source;
        this.spec = spec;
        this.listener = listener;
        this.localPort = localPort;
        String name = "tunnel-" + localPort;
        this.workers = BackgroundExecutors.pool(name);
        this.scheduler = BackgroundExecutors.scheduler(name + "-link", 1);
        this.clock = Clock.systemUTC();
    }

    /**
     * Binds the local port (throws TetherException naming the port when a fixed one is taken), starts
     * accepting, and starts connecting in the background; see {@link #awaitConnected(Duration)}.
     */
    public static StableTunnel open(SessionSource source, TunnelSpec spec, PortMemory memory) {
        AsynchronousServerSocketChannel listener = bind(source.channelGroup(), spec, memory);
        StableTunnel tunnel = new StableTunnel(source, spec, listener, port(listener));
        tunnel.start();
        return tunnel;
    }

    public TunnelSpec spec() {
        return spec;
    }

    /** The port on 127.0.0.1 this tunnel listens on. */
    public int localPort() {
        return localPort;
    }

    public TunnelStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    /** Called with every status change, on an I/O or background thread (so it must not block); once right away with the current one. */
    public void addListener(Consumer<TunnelStatus> listener) {
        listeners.add(listener);
        listener.accept(status());
    }

    public void removeListener(Consumer<TunnelStatus> listener) {
        listeners.remove(listener);
    }

    /** Local connections being forwarded right now. */
    public int activeConnections() {
        return connections.size();
    }

    /**
     * Waits until the tunnel is connected; true when it is. Returns false on timeout, and throws the
     * reason when the link failed for good (authentication, host key).
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long seen = attemptsFinished;
            while (true) {
                if (status instanceof TunnelStatus.Connected) {
                    return true;
                }
                if (status instanceof TunnelStatus.Failed && attemptsFinished > seen && lastFailure != null) {
                    throw lastFailure;
                }
                if (closed) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** Stops accepting, closes every forwarded connection and frees the port. The shared session stays open. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (nextAttempt != null) {
                nextAttempt.cancel(false);
            }
            lock.notifyAll();
        }
        closeQuietly(listener);
        connections.forEach(TunnelConnection::abort);
        scheduler.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        changeStatus(new TunnelStatus.Closed());
        LOG.info("Tunnel 127.0.0.1:{} -> {} via {} closed", localPort(), spec.remote(), source.name());
    }

    private void start() {
        acceptNext();
        synchronized (lock) {
            scheduleAttempt(Duration.ZERO);
        }
        long idle = POOL_IDLE_TRIM.toMillis();
        scheduler.scheduleWithFixedDelay(this::trimIdlePools, idle, idle, TimeUnit.MILLISECONDS);
    }

    /**
     * Lets go of the buffers kept for new connections when no connection is open and none started since the last
     * look ({@link #POOL_IDLE_TRIM} ago on the scheduler): after a burst they hold up to 10 MiB, 6 of it outside the
     * Java heap, which a tunnel nobody uses should not keep. True when it did.
     */
    boolean trimIdlePools() {
        long started = connectionsStarted.get();
        boolean idle;
        synchronized (lock) {
            idle = started == startedAtLastTrim && connections.isEmpty();
            startedAtLastTrim = started;
        }
        if (idle) {
            downloadBuffers.clear();
            uploadPackets.clear();
        }
        return idle;
    }

    // ---- local side -------------------------------------------------------------------------------

    private static AsynchronousServerSocketChannel bind(AsynchronousChannelGroup group, TunnelSpec spec, PortMemory memory) {
        if (spec.localPort() != 0) {
            try {
                return listen(group, spec.localPort());
            } catch (IOException e) {
                throw new TetherException(ErrorCode.FAILURE, e, "tunnel.error.portInUse", String.valueOf(spec.localPort()),
                        spec.targetName(), spec.remote());
            }
        }
        OptionalInt remembered = memory.recall(spec);
        if (remembered.isPresent()) {
            try {
                return listen(group, remembered.getAsInt());
            } catch (IOException e) {
                // Reported, never remapped (README): a browser tab or bookmark points at the remembered port, and
                // moving silently would also rewrite the memory of a tunnel that may still be running elsewhere.
                throw new TetherException(ErrorCode.FAILURE, e, "tunnel.error.rememberedInUse",
                        String.valueOf(remembered.getAsInt()), spec.targetName(), spec.remote(), memory.file());
            }
        }
        try {
            AsynchronousServerSocketChannel socket = listen(group, 0);
            memory.remember(spec, port(socket));
            return socket;
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "tunnel.error.listen", e.getMessage());
        }
    }

    private static int port(AsynchronousServerSocketChannel socket) {
        try {
            return ((InetSocketAddress) socket.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "tunnel.error.listen", e.getMessage());
        }
    }

    private static AsynchronousServerSocketChannel listen(AsynchronousChannelGroup group, int port) throws IOException {
        AsynchronousServerSocketChannel socket = AsynchronousServerSocketChannel.open(group);
        try {
            // Lets Tether take its remembered port back right after a restart (TIME_WAIT); on Windows
            // SO_REUSEADDR would let two programs share a port, so it stays off there.
            socket.setOption(StandardSocketOptions.SO_REUSEADDR,
                    !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), BACKLOG);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void acceptNext() {
        if (closed) {
            return;
        }
        try {
            listener.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
                @Override
                public void completed(AsynchronousSocketChannel socket, Void unused) {
                    acceptNext();
                    accepted(socket);
                }

                @Override
                public void failed(Throwable e, Void unused) {
                    if (!closed) {
                        LOG.warn("Tunnel on port {} could not accept: {}", localPort, e.toString());
                        // Do not spin on a persistent failure (e.g. out of file descriptors).
                        scheduler.schedule(StableTunnel.this::acceptNext, 200, TimeUnit.MILLISECONDS);
                    }
                }
            });
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("Tunnel on port {} stopped accepting: {}", localPort, e.toString());
            }
        }
    }

    private void accepted(AsynchronousSocketChannel socket) {
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ClientSession session = connectedSession();
            if (session != null) {
                openAsync(socket, session);
            } else {
                workers.execute(() -> serve(socket, System.nanoTime() + CONNECTION_WAIT.toNanos()));
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
        }
    }

    /** The download buffers kept for new connections (tests). */
    DirectBufferPool downloadBuffers() {
        return downloadBuffers;
    }

    /** The upload packet buffers kept for new connections (tests). */
    PacketPool uploadPackets() {
        return uploadPackets;
    }

    private ClientSession connectedSession() {
        synchronized (lock) {
            return current != null && current.isOpen() && !current.isClosing() ? current : null;
        }
    }

    /**
     * The usual case, the link is up: ask for the channel and carry on accepting; the connection starts
     * when the server confirms. If the link turns out broken, the connection falls back to {@link #serve}.
     */
    private void openAsync(AsynchronousSocketChannel socket, ClientSession session) throws IOException {
        long deadline = System.nanoTime() + CONNECTION_WAIT.toNanos();
        ForwardChannel channel = ForwardChannel.create(session, originator(socket),
                new SshdSocketAddress(spec.remoteHost(), spec.remotePort()));
        OpenFuture opening = channel.open();
        Opening watched = new Opening(channel, opening, System.nanoTime() + CHANNEL_OPEN_TIMEOUT.toNanos());
        openings.add(watched);
        if (openingsWatched.compareAndSet(false, true)) {
            scheduleOpeningsCheck();
        }
        opening.addListener(f -> {
            openings.remove(watched);
            if (f.isOpened()) {
                start(socket, channel);
            } else if (session.isOpen() && !session.isClosing()) {
                // The link is fine: nothing listens on the remote port, or the server refused.
                LOG.debug("Channel refused for port {}: {}", localPort(), String.valueOf(f.getException()));
                channel.close(true);
                closeQuietly(socket);
            } else {
                channel.close(true);
                try {
                    workers.execute(() -> serve(socket, deadline));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    closeQuietly(socket);
                }
            }
        });
    }

    /**
     * Fails the channel openings the server has not answered within {@link #CHANNEL_OPEN_TIMEOUT}, the link first, so
     * that each failure is seen as a broken link (its connection then waits for the next link) and not as a refused
     * port (which would close it). One check every {@link #OPENINGS_CHECK} while any opening is unanswered, in place
     * of a timer task scheduled and cancelled per connection (with the scheduler thread woken for many of them: 4 %
     * of a warmed {@code tether forward} process's CPU in bursts of new connections).
     */
    private void checkOpenings() {
        long now = System.nanoTime();
        try {
            for (Opening watched : openings) {
                if (watched.opening.isDone()) {
                    openings.remove(watched);
                } else if (now - watched.deadline >= 0) {
                    openings.remove(watched);
                    linkBroken(watched.channel.getClientSession(),
                            new java.util.concurrent.TimeoutException("channel open"));
                    watched.channel.close(true);
                }
            }
        } finally {
            // Stop watching when none is left; an opening added meanwhile either sees false and schedules the next
            // check itself, or was added before this and is seen here.
            openingsWatched.set(false);
            if (!openings.isEmpty() && openingsWatched.compareAndSet(false, true)) {
                scheduleOpeningsCheck();
            }
        }
    }

    private void scheduleOpeningsCheck() {
        try {
            scheduler.schedule(this::checkOpenings, OPENINGS_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            openingsWatched.set(false); // closed: its connections are aborted
        }
    }

    /**
     * A channel opening the server has yet to answer, and when it must have ({@link System#nanoTime}). A class, not a
     * record: each is its own entry in the set, compared and hashed by identity.
     */
    private static final class Opening {
        final ForwardChannel channel;
        final OpenFuture opening;
        final long deadline;

        Opening(ForwardChannel channel, OpenFuture opening, long deadline) {
            this.channel = channel;
            this.opening = opening;
            this.deadline = deadline;
        }
    }

    /** A connection made while the link is down (or broke): waits for it, blocking a worker thread. */
    private void serve(AsynchronousSocketChannel socket, long deadlineNanos) {
        ForwardChannel channel;
        try {
            channel = openChannel(socket, deadlineNanos);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Dropping local connection on port {}: {}", localPort(), e.toString());
            closeQuietly(socket);
            return;
        }
        start(socket, channel);
    }

    private void start(AsynchronousSocketChannel socket, ForwardChannel channel) {
        TunnelConnection connection = new TunnelConnection(socket, channel, downloadBuffers, uploadPackets,
                connections::remove);
        connections.add(connection);
        connectionsStarted.incrementAndGet();
        if (closed) {
            connection.abort();
            return;
        }
        connection.start();
    }

    private ForwardChannel openChannel(AsynchronousSocketChannel socket, long deadline) throws IOException {
        SshdSocketAddress local = originator(socket);
        SshdSocketAddress remote = new SshdSocketAddress(spec.remoteHost(), spec.remotePort());
        while (true) {
            ClientSession session = awaitSession(deadline);
            ForwardChannel channel = null;
            try {
                channel = ForwardChannel.create(session, local, remote);
                channel.open().verify(CHANNEL_OPEN_TIMEOUT);
                return channel;
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    channel.close(true);
                }
                if (session.isOpen() && !session.isClosing() && !isTimeout(e)) {
                    throw e; // the link is fine: nothing listens on the remote port, or the server refused
                }
                linkBroken(session, e);
            }
        }
    }

    /** The local client's address, which direct-tcpip reports to the server as the originator. */
    private static SshdSocketAddress originator(AsynchronousSocketChannel socket) throws IOException {
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteAddress();
        return new SshdSocketAddress(peer.getAddress().getHostAddress(), peer.getPort());
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    // ---- the SSH link -----------------------------------------------------------------------------

    private ClientSession awaitSession(long deadlineNanos) throws IOException {
        synchronized (lock) {
            long seen = attemptsFinished;
            while (true) {
                if (closed) {
                    throw new IOException("tunnel closed");
                }
                if (current != null && current.isOpen() && !current.isClosing()) {
                    return current;
                }
                if (status instanceof TunnelStatus.Failed && attemptsFinished > seen) {
                    throw new IOException("link failed: " + ((TunnelStatus.Failed) status).reason());
                }
                // Someone wants the link now: do not wait out the backoff.
                if (!attemptRunning) {
                    scheduleAttempt(Duration.ZERO);
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("link not back within " + CONNECTION_WAIT.toSeconds() + " s");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    /** Under {@link #lock}. */
    private void scheduleAttempt(Duration delay) {
        if (closed) {
            return;
        }
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
        }
        try {
            nextAttempt = scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            nextAttempt = null;
        }
    }

    private void attempt() {
        synchronized (lock) {
            if (closed || attemptRunning || (current != null && current.isOpen() && !current.isClosing())) {
                return;
            }
            attemptRunning = true;
            nextAttempt = null;
        }
        ClientSession session = null;
        TetherException failure = null;
        try {
            session = source.session();
            SessionTuning.apply(session);
        } catch (TetherException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new TetherException(ErrorCode.CANNOT_CONNECT, e, "tunnel.error.link", source.name(), e.toString());
        }
        TunnelStatus next;
        synchronized (lock) {
            attemptRunning = false;
            attemptsFinished++;
            if (closed) {
                lock.notifyAll();
                return;
            }
            if (session != null) {
                current = session;
                failures = 0;
                lastFailure = null;
                next = new TunnelStatus.Connected(clock.instant());
                ClientSession watched = session;
                session.addCloseFutureListener(f -> linkBroken(watched, null));
            } else if (isPermanent(failure)) {
                lastFailure = failure;
                next = new TunnelStatus.Failed(failure.getLocalizedMessage());
            } else {
                lastFailure = failure;
                failures++;
                Duration delay = backoff(failures);
                next = new TunnelStatus.Reconnecting(clock.instant().plus(delay), failure.getLocalizedMessage());
                scheduleAttempt(delay);
            }
            status = next;
            lock.notifyAll();
        }
        if (session != null) {
            LOG.info("Tunnel 127.0.0.1:{} -> {} via {} connected", localPort(), spec.remote(), source.name());
        } else {
            LOG.info("Tunnel 127.0.0.1:{} via {}: {}", localPort(), source.name(), failure.getMessage());
        }
        fire(next);
    }

    /** The session ended (or proved dead): forget it and reconnect soon; local connections wait meanwhile. */
    private void linkBroken(ClientSession session, Throwable why) {
        TunnelStatus next;
        synchronized (lock) {
            if (closed || current != session) {
                return;
            }
            current = null;
            Duration delay = jitter(FIRST_RETRY);
            next = new TunnelStatus.Reconnecting(clock.instant().plus(delay), Messages.get("tunnel.reason.lost"));
            status = next;
            scheduleAttempt(delay);
        }
        LOG.info("Tunnel 127.0.0.1:{} via {}: link lost ({}), reconnecting", localPort(), source.name(),
                why == null ? "session closed" : why.toString());
        if (session.isOpen()) {
            // It claims to be open but does not work: drop it for everyone so the next session is fresh.
            session.close(true);
            source.invalidate();
        }
        fire(next);
    }

    private static boolean isPermanent(TetherException failure) {
        return failure.code() == ErrorCode.AUTH_FAILED || failure.code() == ErrorCode.HOST_KEY_REFUSED;
    }

    /** 250 ms, 500 ms, 1 s, ... up to 10 s, each ±25 % so many tunnels do not retry in lockstep. */
    static Duration backoff(int failures) {
        long base = FIRST_RETRY.toMillis() << Math.min(failures, 10);
        return jitter(Duration.ofMillis(Math.min(base, MAX_RETRY.toMillis())));
    }

    private static Duration jitter(Duration delay) {
        double factor = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }

    private void changeStatus(TunnelStatus next) {
        synchronized (lock) {
            status = next;
            lock.notifyAll();
        }
        fire(next);
    }

    private void fire(TunnelStatus next) {
        for (Consumer<TunnelStatus> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("Tunnel status listener failed", e);
            }
        }
    }

    static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    @Override
    public String toString() {
        return "127.0.0.1:" + localPort() + " -> " + spec.remote() + " via " + source.name();
    }
}
