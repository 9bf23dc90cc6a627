package app.tether.instance;

import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.FileLocks;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.tunnel.ChangeListeners;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's end of the socket: accepts clients, checks the protocol version, runs each request on its own
 * thread and answers control requests ({@code ping}, {@code stop}, {@code show-window}). Binding happens under an
 * inter-process lock, so two instances started at once end with one listening; a stale socket file (nobody
 * answers) is replaced, a live one means another instance runs.
 */
public final class InstanceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceServer.class);

    /** Runs a CLI command for a client (the CLI implements it; the instance does not know picocli). */
    public interface Runner {
        /** Runs {@code request}, writing to {@code call}'s streams; the exit code, or empty: "run it yourself". */
        Optional<Integer> run(Frames.Request request, InstanceCall call);
    }

    /** Another instance answers on the socket. */
    public static final class AlreadyRunning extends Exception {
        AlreadyRunning(String socket) {
            super(socket);
        }
    }

    private final InstanceEndpoint endpoint;
    private final InstanceServices services;
    private final Runner runner;
    private final ServerSocketChannel server;
    private final ExecutorService workers = BackgroundExecutors.pool("instance");
    private final ScheduledExecutorService idleCheck = BackgroundExecutors.scheduler("instance-idle", 1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final HeldTunnels held;
    private final List<ChangeListeners.Subscription> following;
    private final AtomicInteger running = new AtomicInteger();
    private volatile Instant lastRequest = Instant.now();
    private volatile boolean closing;

    private InstanceServer(InstanceEndpoint endpoint, InstanceServices services, Runner runner,
            ServerSocketChannel server) {
        this.endpoint = endpoint;
        this.services = services;
        this.runner = runner;
        this.server = server;
        this.held = heldFile(endpoint);
        // Every change, whoever made it (a client's command, the window, a close), so that a crash at any
        // moment leaves the list as it was; once now for what the window opened before it started serving.
        Runnable save = () -> held.save(services);
        this.following = List.of(services.tunnels().onChange(save), services.forwards().onChange(save));
        save.run();
    }

    /**
     * Listens on {@code endpoint}, after reopening the tunnels a predecessor that died held ({@link HeldTunnels}),
     * read from {@code inventory}: before listening, so that the first client already finds them, and under the
     * start lock, so that a second instance starting at once does not try too. From then on what the instance
     * holds is written down after every change. Throws AlreadyRunning when another instance answers there,
     * TetherException (one line) when the folder or socket belongs to someone else or cannot be made.
     */
    public static InstanceServer startRestoring(InstanceEndpoint endpoint, InstanceServices services, Runner runner,
            java.util.function.Supplier<app.tether.inventory.Inventory> inventory) throws AlreadyRunning {
        try {
            endpoint.prepareFolder();
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "instance.error.folder", endpoint.folder(), e.toString());
        }
        refuseUnsafe(endpoint);
        ServerSocketChannel channel;
        try {
            channel = FileLocks.withLock(endpoint.folder().resolve("start"), () -> {
                if (Files.exists(endpoint.socket())) {
                    if (!endpoint.stale()) {
                        return null;
                    }
                    LOG.info("Removing stale socket {}", endpoint.socket());
                    Files.delete(endpoint.socket());
                }
                restoreHeld(endpoint, services, inventory);
                ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                bound.bind(UnixDomainSocketAddress.of(endpoint.socket()));
                return bound;
            });
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "instance.error.listen", endpoint.socket(), e.toString());
        }
        if (channel == null) {
            throw new AlreadyRunning(endpoint.socket().toString());
        }
        InstanceServer instance = new InstanceServer(endpoint, services, runner, channel);
        instance.workers.execute(instance::acceptLoop);
        LOG.info("Instance listening on {} (pid {})", endpoint.socket(), ProcessHandle.current().pid());
        return instance;
    }

    private static void refuseUnsafe(InstanceEndpoint endpoint) {
        endpoint.problem().ifPresent(problem -> {
            throw new TetherException(ErrorCode.FAILURE, "instance.error.unsafe", problem);
        });
    }

    private static void restoreHeld(InstanceEndpoint endpoint, InstanceServices services,
            java.util.function.Supplier<app.tether.inventory.Inventory> inventory) {
        try {
            heldFile(endpoint).restore(services, inventory.get());
        } catch (TetherException e) {
            LOG.warn("Not reopening the tunnels held before: {}", e.getMessage());
        }
    }

    private static HeldTunnels heldFile(InstanceEndpoint endpoint) {
        return new HeldTunnels(endpoint.folder().resolve("held.properties"));
    }

    /**
     * Stops by itself after {@code idle} with no request and no tunnel (an instance the CLI started on demand
     * should not stay forever when nobody uses it).
     */
    public void stopWhenIdle(Duration idle) {
        idleCheck.scheduleWithFixedDelay(() -> {
            boolean holdsNothing = services.tunnels().openTunnels().isEmpty() && services.forwards().all().isEmpty();
            if (holdsNothing && running.get() == 0 && Instant.now().isAfter(lastRequest.plus(idle))) {
                LOG.info("Idle for {}: stopping", idle);
                stop();
            }
        }, 10, 10, TimeUnit.SECONDS);
    }

    /** Blocks until a client asked to stop or {@link #stop()} was called. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Asks the instance to stop: {@link #awaitStop()} returns. */
    public void stop() {
        stopped.countDown();
    }

    private void acceptLoop() {
        while (!closing) {
            try {
                SocketChannel client = server.accept();
                workers.execute(() -> serve(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closing) {
                    LOG.warn("Accepting a client failed", e);
                }
            }
        }
    }

    private void serve(SocketChannel channel) {
        lastRequest = Instant.now();
        running.incrementAndGet();
        try (Frames frames = new Frames(channel)) {
            Frames.Frame hello = frames.read();
            if (hello.type() != Frames.HELLO || hello.payload().length < 4) {
                return;
            }
            int version = hello.number();
            frames.write(Frames.HELLO, ByteBuffer.allocate(12).putInt(Frames.VERSION)
                    .putLong(ProcessHandle.current().pid()).array());
            if (version != Frames.VERSION) {
                frames.write(Frames.LOCAL, "protocol version " + version + ", instance speaks " + Frames.VERSION);
                return;
            }
            Frames.Frame request = frames.read();
            if (request.type() == Frames.CONTROL) {
                control(request.text(), frames);
            } else if (request.type() == Frames.RUN) {
                run(Frames.Request.decode(request.payload()), frames);
            }
        } catch (EOFException | ClosedChannelException e) {
            LOG.debug("Client went away: {}", e.toString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Serving a client failed", e);
        } finally {
            running.decrementAndGet();
            lastRequest = Instant.now();
        }
    }

    private void control(String name, Frames frames) throws IOException {
        switch (name) {
            case "ping" -> frames.writeNumber(Frames.EXIT, 0);
            case "stop" -> {
                if (services.window().isPresent()) {
                    // The window's instance ends with the window (Quit), never behind the user's back.
                    frames.write(Frames.STDERR, "tether: " + Messages.get("instance.stop.window") + "\n");
                    frames.writeNumber(Frames.EXIT, ErrorCode.FAILURE.exitCode());
                } else {
                    frames.writeNumber(Frames.EXIT, 0);
                    stop();
                }
            }
            case "show-window" -> {
                Optional<Runnable> window = services.window();
                window.ifPresent(Runnable::run);
                frames.writeNumber(Frames.EXIT, window.isPresent() ? 0 : 1);
            }
            default -> {
                frames.write(Frames.STDERR, "unknown control request " + name + "\n");
                frames.writeNumber(Frames.EXIT, ErrorCode.USAGE.exitCode());
            }
        }
    }

    private void run(Frames.Request request, Frames frames) throws IOException {
        InstanceCall call = new InstanceCall(frames, request.console());
        Thread command = Thread.currentThread();
        // The client's frames (standard input, answers) are read on another thread; when the client goes away
        // (Ctrl-C, killed) the command is interrupted, as it would be in the client's own process.
        workers.execute(() -> {
            try {
                while (true) {
                    call.received(frames.read());
                }
            } catch (IOException e) {
                call.clientGone();
                if (!call.isFinished()) {
                    command.interrupt();
                }
            }
        });
        try {
            Optional<Integer> code = runner.run(request, call);
            call.finished();
            if (code.isPresent()) {
                frames.writeNumber(Frames.EXIT, code.get());
            } else {
                frames.write(Frames.LOCAL, "run locally");
            }
        } finally {
            call.finished();
            Thread.interrupted(); // an interrupt meant for the command must not reach the next one on this thread
        }
    }

    @Override
    public void close() {
        closing = true;
        following.forEach(ChangeListeners.Subscription::close);
        stop();
        idleCheck.shutdownNow();
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the socket", e);
        }
        try {
            Files.deleteIfExists(endpoint.socket());
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", endpoint.socket(), e.toString());
        }
        workers.shutdownNow();
    }

    /** A clean stop: what the instance held was closed on purpose and is not to be reopened. */
    public void forgetHeld() {
        held.clear();
    }
}
