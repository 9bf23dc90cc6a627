package app.tether.tunnel;

import java.io.IOException;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.ChannelAsyncInputStream;
import org.apache.sshd.common.channel.StreamingChannel;
import org.apache.sshd.common.future.CancelFuture;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.future.SshFutureListener;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * A direct-tcpip channel that hands the server's data straight to its {@link Sink} (the tunnel connection) as it
 * arrives, instead of through MINA's read futures: those copied every packet into a buffer of their own, then
 * again into the reader's, moved what was left to the front of that buffer after every read (up to the 8 MiB
 * window when the local side was slow), and ended every connection with an exception made with its stack trace.
 * The server's EOF reaches the sink when it arrives (MINA told an asynchronous reader only once the channel closed).
 * Its receive window is sized to the session's round trip ({@link SessionTuning#windowFor}), which each channel's
 * opening measures.
 */
final class ForwardChannel extends ChannelDirectTcpip {
    /** Where the server's data goes: called on the session's thread, one call at a time, in order. */
    interface Sink {
        /** The server sent {@code data}; it is valid only during the call. */
        void serverData(Readable data);

        /** The server will send nothing more (EOF, or the channel is closing). */
        void serverEof();
    }

    /** Set once when the channel opens (on the session's thread), read by {@link #attach} and at EOF. */
    private volatile ServerData serverData;
    /** Runs when the server opens its window (more may be sent), on the session's thread. */
    private volatile Runnable windowOpened;
    /** When the open request went out ({@link System#nanoTime}). */
    private volatile long openRequested;
    /** The channel's name once open ({@link #toString}). */
    private volatile String name;
    /** A session's part of its channels' names, made once per session. */
    private static final AttributeKey<String> SESSION_NAME = new AttributeKey<>();

    private ForwardChannel(SshdSocketAddress local, SshdSocketAddress remote) {
        super(local, remote);
        setStreaming(StreamingChannel.Streaming.Async);
    }

    /** A new channel from {@code local} (the local client) to {@code remote}, registered, not yet opened. */
    static ForwardChannel create(ClientSession session, SshdSocketAddress local, SshdSocketAddress remote)
            throws IOException {
        ForwardChannel channel = new ForwardChannel(local, remote);
        session.getService(ConnectionService.class).registerChannel(channel);
        return channel;
    }

    @Override
    protected void configureWindow() {
        CoreModuleProperties.WINDOW_SIZE.set(this, SessionTuning.windowFor(SessionTuning.roundTrip(getSession())));
        super.configureWindow();
    }

    @Override
    public synchronized OpenFuture open() throws IOException {
        openRequested = System.nanoTime();
        return super.open();
    }

    @Override
    public void handleOpenSuccess(long recipient, long rwSize, long packetSize, Buffer buffer) {
        SessionTuning.channelOpened(getSession(), System.nanoTime() - openRequested);
        super.handleOpenSuccess(recipient, rwSize, packetSize, buffer);
        OpenFuture opening = openFuture;
        if (opening != null && opening.isOpened()) {
            openFuture = new Opened(opening);
        }
    }

    /**
     * MINA's name for a channel (its class, ids and session: {@code ForwardChannel[id=3, recipient=7]-
     * ClientSessionImpl[me@/127.0.0.1:22]}), which MINA builds several times for every channel, opening and
     * closing, mostly as names of its streams and closing steps. MINA's own made the session's part and looked up
     * the class's simple name every time (1.4 % of a warmed {@code tether forward} process in bursts of new
     * connections); the session's part is made once per session here, and the whole name is kept once the channel
     * is open (its ids and session no longer change).
     */
    @Override
    public String toString() {
        String kept = name;
        if (kept != null) {
            return kept;
        }
        Session session = getSession();
        String sessionName = session == null
                ? "null"
                : session.computeAttributeIfAbsent(SESSION_NAME, k -> session.toString());
        String made = "ForwardChannel[id=" + getChannelId() + ", recipient=" + getRecipient() + "]-" + sessionName;
        OpenFuture opening = openFuture;
        if (opening != null && opening.isOpened()) { // set after the ids: the name is final from here on
            name = made;
        }
        return made;
    }

    @Override
    protected void doOpen() throws IOException {
        super.doOpen(); // the upload stream (asyncIn) as MINA makes it: it sends the EOF once closed
        serverData = new ServerData(this);
        asyncOut = serverData;
    }

    /**
     * Runs {@code opened} each time the server opens its window for this channel: the tunnel connection sends its
     * data packets itself, not through MINA's upload stream (which takes one write at a time).
     */
    void whenWindowOpens(Runnable opened) {
        windowOpened = opened;
    }

    @Override
    public void handleWindowAdjust(Buffer buffer) throws IOException {
        super.handleWindowAdjust(buffer);
        Runnable opened = windowOpened;
        if (opened != null) {
            opened.run();
        }
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        ServerData data = serverData;
        if (data != null) {
            data.eof();
        }
    }

    /** Sends the server's data to {@code sink} from now on, with whatever arrived before. Once, after opening. */
    void attach(Sink sink) {
        ServerData data = serverData;
        if (data == null) {
            throw new IllegalStateException("channel not open");
        }
        data.attach(sink);
    }

    /**
     * The channel's data stream: passes each packet's data on, keeping only what arrives before the sink. The sink
     * is called outside this object's lock (a channel closing on another thread takes it to signal the end).
     */
    private static final class ServerData extends ChannelAsyncInputStream {
        private Sink sink;
        private ByteArrayBuffer early;
        private boolean eof;

        ServerData(ForwardChannel channel) {
            super(channel);
        }

        /** Hands over what came before, then lets data go straight to {@code to} (in the order it came). */
        void attach(Sink to) {
            boolean ended;
            while (true) {
                ByteArrayBuffer before;
                synchronized (this) {
                    if (early == null) {
                        sink = to;
                        ended = eof;
                        break;
                    }
                    before = early; // data that comes while this is handed over is kept for the next round
                    early = null;
                }
                to.serverData(before);
            }
            if (ended) {
                to.serverEof();
            }
        }

        @Override
        public void write(Readable src) {
            Sink to;
            synchronized (this) {
                if (eof) {
                    return; // nothing after the end (MINA ignores data once the channel closes, too)
                }
                to = sink;
                if (to == null) {
                    if (early == null) {
                        early = new ByteArrayBuffer(Math.max(1024, src.available()), false);
                    }
                    early.putBuffer(src);
                    return;
                }
            }
            to.serverData(src);
        }

        void eof() {
            Sink to;
            synchronized (this) {
                if (eof) {
                    return;
                }
                eof = true;
                to = sink;
            }
            if (to != null) {
                to.serverEof();
            }
        }

        @Override
        public IoReadFuture read(Buffer buffer) {
            throw new UnsupportedOperationException("the server's data goes to the tunnel connection");
        }

        @Override
        protected void preClose() {
            eof(); // the channel is closing: no more data (no read is ever pending, so MINA makes no EOFException)
            super.preClose();
        }
    }

    /**
     * The open future of a channel that has opened, as MINA's close sees it. MINA closes a client channel through a
     * step that waits for its open future and, closing immediately (as every close ends), fails each future of
     * MINA's own kind with a new {@code SshException}, stack trace and all, even one done long before: 3-4 % of a
     * forwarded connection's CPU (async-profiler, TunnelBenchmark's bursts). This one passes everything to the real
     * future and is not of that kind; an open future that is still pending stays MINA's own.
     */
    private static final class Opened implements OpenFuture {
        private final OpenFuture done;

        Opened(OpenFuture done) {
            this.done = done;
        }

        @Override
        public boolean isOpened() {
            return done.isOpened();
        }

        @Override
        public void setOpened() {
            done.setOpened();
        }

        @Override
        public OpenFuture addListener(SshFutureListener<OpenFuture> listener) {
            done.addListener(listener);
            return this;
        }

        @Override
        public OpenFuture removeListener(SshFutureListener<OpenFuture> listener) {
            done.removeListener(listener);
            return this;
        }

        @Override
        public OpenFuture verify(long timeoutMillis, CancelOption... options) throws IOException {
            done.verify(timeoutMillis, options);
            return this;
        }

        @Override
        public Object getId() {
            return done.getId();
        }

        @Override
        public boolean await(long timeoutMillis, CancelOption... options) throws IOException {
            return done.await(timeoutMillis, options);
        }

        @Override
        public boolean awaitUninterruptibly(long timeoutMillis, CancelOption... options) {
            return done.awaitUninterruptibly(timeoutMillis, options);
        }

        @Override
        public boolean isDone() {
            return done.isDone();
        }

        @Override
        public CancelFuture cancel() {
            return done.cancel();
        }

        @Override
        public boolean isCanceled() {
            return done.isCanceled();
        }

        @Override
        public CancelFuture getCancellation() {
            return done.getCancellation();
        }

        @Override
        public Throwable getException() {
            return done.getException();
        }

        @Override
        public void setException(Throwable error) {
            done.setException(error);
        }

        @Override
        public String toString() {
            return done.toString();
        }
    }
}
