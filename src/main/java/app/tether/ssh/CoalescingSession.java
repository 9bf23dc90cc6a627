package app.tether.ssh;

import app.tether.core.BackgroundExecutors;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.io.AbstractIoWriteFuture;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.io.nio2.Nio2CompletionHandler;
import org.apache.sshd.common.io.nio2.Nio2DefaultIoWriteFuture;
import org.apache.sshd.common.io.nio2.Nio2Service;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SSH socket whose packets, written while the I/O thread handles one read from the server, go out in one
 * socket write when that read has been handled. MINA writes every packet with a system call of its own; one
 * read often carries many packets (channel confirmations, data, EOFs and closes of many forwarded
 * connections), and each answer cost a loopback or network send of its own (TunnelBenchmark, 100 connections
 * at once: about 6 writes per connection against OpenSSH's 2, which batches a poll round's output).
 * Packets stay in the order MINA encoded them (sequence numbers, ciphers): while some are held, every later
 * packet of the session is held behind them, whichever thread writes it. Other work batches its packets the same
 * way ({@link ReadBatch#together}: an upload's chunks). A write that makes no progress fails the session
 * ({@link #WRITE_STALL_LIMIT}).
 */
final class CoalescingSession extends Nio2Session {
    private static final Logger LOG = LoggerFactory.getLogger(CoalescingSession.class);
    /** Bytes read from the server at most at once (per session; memory outside the Java heap). */
    static final int READ_BUFFER = 128 * 1024;
    /** This thread's batch: the sessions holding packets until {@link #batch} returns. */
    private static final ThreadLocal<Batch> BATCH = ThreadLocal.withInitial(Batch::new);

    /**
     * A socket write that makes no progress for this long fails the session: MINA's write timeout (30 s by default)
     * did the same with a JDK timer task scheduled and cancelled for every write that had to wait, which cost a
     * forwarded upload about a sixth of its CPU (SshSessions turns it off); one watchdog looks at all sessions.
     */
    static final Duration WRITE_STALL_LIMIT = Duration.ofSeconds(30);
    private static final Set<CoalescingSession> WATCHED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean WATCHDOG_STARTED = new AtomicBoolean();

    private final List<Held> held = new ArrayList<>();
    /** When the socket write in progress started ({@link System#nanoTime()}), 0 when none is. */
    private volatile long writeCycleStart;

    CoalescingSession(Nio2Service service, PropertyResolver resolver, IoHandler handler,
            AsynchronousSocketChannel socket, SocketAddress acceptanceAddress) throws IOException {
        super(service, resolver, handler, socket, acceptanceAddress);
        WATCHED.add(this);
        if (WATCHDOG_STARTED.compareAndSet(false, true)) {
            long period = WRITE_STALL_LIMIT.toMillis() / 6;
            BackgroundExecutors.scheduler("ssh-write-watchdog", 1).scheduleWithFixedDelay(
                    CoalescingSession::watchWrites, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Fails each session whose socket write has made no progress for {@link #WRITE_STALL_LIMIT}. */
    static void watchWrites() {
        long now = System.nanoTime();
        for (CoalescingSession session : WATCHED) {
            if (!session.isOpen()) {
                WATCHED.remove(session);
            } else if (session.writeStalledFor(now).compareTo(WRITE_STALL_LIMIT) > 0) {
                WATCHED.remove(session);
                LOG.info("No write progress to {} for {} s: closing the session", session.getRemoteAddress(),
                        WRITE_STALL_LIMIT.toSeconds());
                session.exceptionCaught(new SocketTimeoutException("no write progress for "
                        + WRITE_STALL_LIMIT.toSeconds() + " s"));
            }
        }
    }

    /** How long the socket write in progress has been waiting at {@code now}; zero when none is. */
    Duration writeStalledFor(long now) {
        long start = writeCycleStart;
        return start == 0 ? Duration.ZERO : Duration.ofNanos(now - start);
    }

    @Override
    protected void doWriteCycle(ByteBuffer buffer, Nio2CompletionHandler<Integer, Object> completion) {
        writeCycleStart = System.nanoTime() | 1; // never 0
        super.doWriteCycle(buffer, completion);
    }

    @Override
    protected void handleCompletedWriteCycle(Nio2DefaultIoWriteFuture future, AsynchronousSocketChannel socket,
            ByteBuffer buffer, int writeLen, Nio2CompletionHandler<Integer, Object> completion, Integer result,
            Object attachment) {
        writeCycleStart = 0;
        super.handleCompletedWriteCycle(future, socket, buffer, writeLen, completion, result, attachment);
    }

    @Override
    protected void handleWriteCycleFailure(Nio2DefaultIoWriteFuture future, AsynchronousSocketChannel socket,
            ByteBuffer buffer, int writeLen, Throwable e, Object attachment) {
        writeCycleStart = 0;
        super.handleWriteCycleFailure(future, socket, buffer, writeLen, e, attachment);
    }

    @Override
    protected void doCloseImmediately() {
        WATCHED.remove(this);
        super.doCloseImmediately();
    }

    /**
     * Reads into a direct buffer of {@link #READ_BUFFER}: the JDK reads a heap buffer through a direct one of its own
     * and copies (one copy of every byte the server sends), and MINA's 32 KiB held one data packet at most, so each
     * packet cost a read and, forwarded, a socket write of its own. OpenSSH reads 74 KiB at a time on average in
     * TunnelBenchmark's downloads; with this, the data of all the packets of one read leaves in one write.
     */
    @Override
    public void startReading(int bufSize) {
        startReading(ByteBuffer.allocateDirect(Math.max(bufSize, READ_BUFFER)));
    }

    /** Work whose packets are sent together afterwards. */
    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work}; what it writes to coalescing sessions goes out, one write per session, when it returns. */
    static void batch(Work work) throws Exception {
        Batch batch = BATCH.get();
        if (batch.active) {
            work.run();
            return;
        }
        batch.active = true;
        try {
            work.run();
        } finally {
            try {
                // What waited for the end of the read runs first: its packets (window adjustments) join the batch.
                runAfterRead(batch.after);
            } finally {
                batch.active = false;
                flushAll(batch.sessions);
            }
        }
    }

    /** A flush may complete a write inline and run listeners that write again: those go out directly. */
    private static void flushAll(List<CoalescingSession> sessions) {
        for (int i = 0; i < sessions.size(); i++) {
            sessions.get(i).flush();
        }
        sessions.clear();
    }

    /**
     * Runs {@code task} once this thread has handled the read it is handling now (all its packets), or at once when
     * it handles none: a tunnel connection writes the data of all the read's packets to its socket in one go.
     */
    static void afterRead(Runnable task) {
        Batch batch = BATCH.get();
        if (batch.active) {
            batch.after.add(task);
        } else {
            task.run();
        }
    }

    /** Runs and forgets the tasks, those they queue too; one that fails is logged and the others still run. */
    private static void runAfterRead(List<Runnable> tasks) {
        try {
            for (int i = 0; i < tasks.size(); i++) {
                try {
                    tasks.get(i).run();
                } catch (RuntimeException e) {
                    LOG.warn("Work after a read failed", e);
                }
            }
        } finally {
            tasks.clear();
        }
    }

    @Override
    public IoWriteFuture writeBuffer(Buffer buffer) throws IOException {
        Batch batch = BATCH.get();
        synchronized (held) {
            if (held.isEmpty()) {
                if (!batch.active) {
                    return super.writeBuffer(buffer);
                }
                batch.sessions.add(this);
            }
            // MINA allocates each packet's buffer anew and leaves it alone until the write completes: no copy yet.
            Held write = new Held(buffer, new HeldFuture(this));
            held.add(write);
            return write.future;
        }
    }

    private void flush() {
        List<Held> writes;
        IoWriteFuture written;
        synchronized (held) {
            if (held.isEmpty()) {
                return;
            }
            writes = new ArrayList<>(held);
            held.clear();
            Buffer out;
            if (writes.size() == 1) {
                out = writes.get(0).buffer;
            } else {
                int size = 0;
                for (Held write : writes) {
                    size += write.buffer.available();
                }
                out = new ByteArrayBuffer(size, false);
                for (Held write : writes) {
                    out.putRawBytes(write.buffer.array(), write.buffer.rpos(), write.buffer.available());
                }
            }
            try {
                written = super.writeBuffer(out); // under the lock: nothing written meanwhile can overtake it
            } catch (IOException | RuntimeException e) {
                writes.forEach(write -> write.future.setValue(e));
                return;
            }
        }
        written.addListener(done -> {
            Object result = done.isWritten() ? Boolean.TRUE
                    : done.getException() != null ? done.getException() : new IOException("write failed");
            writes.forEach(write -> write.future.setValue(result));
        });
    }

    private static final class Batch {
        boolean active;
        final List<Runnable> after = new ArrayList<>(4);
        final List<CoalescingSession> sessions = new ArrayList<>(4);
    }

    private record Held(Buffer buffer, HeldFuture future) {
    }

    private static final class HeldFuture extends AbstractIoWriteFuture {
        private final CoalescingSession session;

        HeldFuture(CoalescingSession session) {
            super(session.getRemoteAddress(), null);
            this.session = session;
        }

        @Override
        public IoWriteFuture verify(long timeoutMillis, CancelOption... options) throws IOException {
            session.flush(); // whoever waits for a held packet inside the batch would otherwise wait for itself
            return super.verify(timeoutMillis, options);
        }
    }
}
