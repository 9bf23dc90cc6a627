package app.tether.ssh;

import app.tether.core.BackgroundExecutors;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.nio2.Nio2Connector;
import org.apache.sshd.common.io.nio2.Nio2Service;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA's NIO2 I/O on a fixed-thread channel group that Tether owns. With MINA's default group every
 * packet read and every write completion is handed from the poller thread to a worker thread; on a
 * fixed group they run where the event arrives, and tunnels put their local sockets in the same
 * group, so data crosses between a local socket and the SSH socket without changing threads.
 * <p>
 * Until a session is authenticated its incoming messages are handled on a {@link HandshakeLane}
 * instead of the I/O thread, because key exchange and authentication may stop to ask the user (host
 * key, password, passphrase); so a dialog never holds up the I/O of other sessions, and the group can
 * be as small as one thread (each extra thread costs every I/O event a wake-up of the next poller).
 */
final class ChannelGroupIoFactory extends Nio2ServiceFactoryFactory {
    private final AsynchronousChannelGroup group;

    ChannelGroupIoFactory(AsynchronousChannelGroup group) {
        this.group = group;
    }

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        ExecutorService handshakes = BackgroundExecutors.pool("ssh-handshake");
        return new Nio2ServiceFactory(manager, null, null) {
            @Override
            public IoConnector createConnector(IoHandler handler) {
                return autowireCreatedService(new Nio2Connector(this, getFactoryManager(),
                        new HandshakeOffloading(handler, handshakes), group, getExecutorService()));
            }

            @Override
            public Nio2Session createSession(Nio2Service service, IoHandler handler, AsynchronousSocketChannel socket,
                    SocketAddress acceptanceAddress) throws Throwable {
                return new CoalescingSession(service, getFactoryManager(), handler, socket, acceptanceAddress);
            }

            @Override
            protected void doCloseImmediately() {
                handshakes.shutdownNow();
                try {
                    group.shutdownNow();
                } catch (IOException e) {
                    // already going away
                }
                super.doCloseImmediately();
            }
        };
    }

    /** Sends a session's events through its {@link HandshakeLane} while it has one. */
    static final class HandshakeOffloading implements IoHandler {
        private static final Object LANE = new Object();
        private final IoHandler delegate;
        private final ExecutorService executor;

        HandshakeOffloading(IoHandler delegate, ExecutorService executor) {
            this.delegate = delegate;
            this.executor = executor;
        }

        @Override
        public void sessionCreated(IoSession session) throws Exception {
            // Runs on the I/O thread before the first read: the lane exists before any message.
            delegate.sessionCreated(session);
            session.setAttribute(LANE, new HandshakeLane(session, delegate, executor));
        }

        @Override
        public void sessionClosed(IoSession session) throws Exception {
            HandshakeLane lane = (HandshakeLane) session.getAttribute(LANE);
            if (lane == null || !lane.offer(() -> delegate.sessionClosed(session))) {
                delegate.sessionClosed(session);
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) throws Exception {
            HandshakeLane lane = (HandshakeLane) session.getAttribute(LANE);
            if (lane == null || !lane.offer(() -> delegate.exceptionCaught(session, cause))) {
                delegate.exceptionCaught(session, cause);
            }
        }

        @Override
        public void messageReceived(IoSession session, Readable message) throws Exception {
            HandshakeLane lane = (HandshakeLane) session.getAttribute(LANE);
            if (lane != null) {
                // The I/O layer reuses its read buffer once this returns: queue a copy.
                ByteArrayBuffer copy = new ByteArrayBuffer(message.available(), false);
                copy.putBuffer(message);
                if (!lane.offer(() -> delegate.messageReceived(session, copy))) {
                    // The lane closed after the last handshake message: from now on the I/O thread handles all.
                    session.removeAttribute(LANE);
                    delegate.messageReceived(session, copy);
                }
                return;
            }
            // Answers to the packets of this read (to many channels at once) leave in one write.
            CoalescingSession.batch(() -> delegate.messageReceived(session, message));
        }
    }

    /**
     * One session's events before authentication, handled in arrival order on a background thread.
     * Once the session is authenticated and nothing is queued, the lane closes and later events are
     * handled on the I/O thread directly; the I/O layer delivers one message at a time per session, so
     * the switch cannot reorder anything.
     */
    static final class HandshakeLane {
        private static final Logger LOG = LoggerFactory.getLogger(HandshakeLane.class);

        interface Event {
            void handle() throws Exception;
        }

        private final IoSession session;
        private final IoHandler delegate;
        private final ExecutorService executor;
        private final ArrayDeque<Event> queue = new ArrayDeque<>();
        private boolean running;
        private boolean open = true;

        HandshakeLane(IoSession session, IoHandler delegate, ExecutorService executor) {
            this.session = session;
            this.delegate = delegate;
            this.executor = executor;
        }

        /** Queues the event; false when the lane is closed and the caller handles it itself. */
        boolean offer(Event event) {
            synchronized (this) {
                if (!open) {
                    return false;
                }
                queue.add(event);
                if (running) {
                    return true;
                }
                running = true;
            }
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // Shutting down: handle here rather than lose the event.
                drain();
            }
            return true;
        }

        private void drain() {
            while (true) {
                Event next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        running = false;
                        if (authenticated() || session.isClosing() || !session.isOpen()) {
                            open = false;
                        }
                        return;
                    }
                }
                try {
                    next.handle();
                } catch (Throwable e) {
                    try {
                        delegate.exceptionCaught(session, e);
                    } catch (Throwable again) {
                        LOG.debug("Handshake failure on {} not handled: {}", session, again.toString());
                        session.close(true);
                    }
                }
            }
        }

        private boolean authenticated() {
            AbstractSession ssh = AbstractSession.getSession(session, true);
            return ssh instanceof ClientSession client && client.isAuthenticated();
        }
    }
}
