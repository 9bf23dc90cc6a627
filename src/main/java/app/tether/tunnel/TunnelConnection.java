package app.tether.tunnel;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local connection and its direct-tcpip channel, pumped without a thread of its own. The local
 * socket lives in the SSH sessions' channel group, so each completion runs on the I/O thread where
 * the event arrived and hands the data straight on: local bytes go to the channel, server bytes go to
 * the socket, with no thread hand-off in between (that is what keeps round trips short).
 * Flow control both ways: local reads pause while {@link #MAX_QUEUED_CHUNKS} chunks wait for the
 * channel (which takes one write at a time, as the remote window allows), and the next channel read
 * (which opens the SSH window) waits until the previous data reached the socket.
 * Half-close is carried both ways (EOF on one side becomes EOF on the other).
 */
final class TunnelConnection {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelConnection.class);
    /**
     * Most bytes taken from the local socket per read; fewer when the server's largest packet is smaller
     * (OpenSSH: 32 KiB), because MINA copies a whole write that does not fit in one packet into a buffer of
     * its own before splitting it.
     */
    static final int UPLOAD_CHUNK = 64 * 1024;
    /** Chunks read ahead while the channel is still writing earlier ones; beyond them, reading pauses. */
    static final int MAX_QUEUED_CHUNKS = 8;
    /**
     * Read buffers kept for reuse once the channel has sent their data: as many as can be queued, so a bulk
     * upload allocates none after its first round (at most that many chunks stay held).
     */
    private static final int SPARE_BUFFERS = 8;
    /** Server data handed over per channel read. */
    static final int DOWNLOAD_CHUNK = 64 * 1024;

    private final AsynchronousSocketChannel socket;
    private final ChannelDirectTcpip channel;
    private final Consumer<TunnelConnection> onFinished;
    private final int uploadChunk;
    /** Read buffers whose data the channel has sent: reading into them saves a copy and an allocation per read. */
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    private final ByteArrayBuffer download = new ByteArrayBuffer(DOWNLOAD_CHUNK);
    private final ArrayDeque<ByteArrayBuffer> queued = new ArrayDeque<>();
    private boolean writing;
    private boolean readsPaused;
    private boolean localEof;
    private boolean uploadDone;
    private boolean downloadDone;
    private boolean channelClosed;
    private boolean finished;

    TunnelConnection(AsynchronousSocketChannel socket, ChannelDirectTcpip channel, Consumer<TunnelConnection> onFinished) {
        this.socket = socket;
        this.channel = channel;
        this.onFinished = onFinished;
        long packet = channel.getRemoteWindow().getPacketSize();
        this.uploadChunk = (int) Math.max(1024, Math.min(UPLOAD_CHUNK, packet));
        channel.addCloseFutureListener(f -> channelClosed());
    }

    /** Starts both directions. */
    void start() {
        readLocal();
        readRemote();
    }

    // ---- local -> remote --------------------------------------------------------------------------

    private void readLocal() {
        ByteBuffer upload;
        synchronized (this) {
            upload = spare.poll();
        }
        if (upload == null) {
            upload = ByteBuffer.allocate(uploadChunk);
        }
        ByteBuffer into = upload;
        try {
            socket.read(into, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer n, Void unused) {
                    localData(into, n);
                }

                @Override
                public void failed(Throwable e, Void unused) {
                    TunnelConnection.this.failed(e);
                }
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void localData(ByteBuffer upload, int n) {
        if (n < 0) {
            synchronized (this) {
                localEof = true;
                if (writing) {
                    return; // the last write's completion sends the EOF
                }
            }
            sendEof();
            return;
        }
        // The channel sends from this array (no copy); it comes back to the spares once written.
        ByteArrayBuffer chunk = new ByteArrayBuffer(upload.array(), 0, n);
        boolean writeNow;
        boolean readOn;
        synchronized (this) {
            writeNow = !writing;
            if (writing) {
                // The channel takes one write at a time: queue this one; stop reading when enough waits.
                queued.add(chunk);
                readsPaused = queued.size() >= MAX_QUEUED_CHUNKS;
            }
            writing = true;
            readOn = !readsPaused;
        }
        if (writeNow) {
            write(chunk);
        }
        if (readOn) {
            readLocal();
        }
    }

    /** Hands one chunk to the channel; its completion starts the next queued one. */
    private void write(ByteArrayBuffer chunk) {
        try {
            channel.getAsyncIn().writeBuffer(chunk).addListener(done -> written(chunk, done));
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void written(ByteArrayBuffer chunk, IoWriteFuture done) {
        if (!done.isWritten()) {
            failed(done.getException());
            return;
        }
        ByteArrayBuffer next;
        boolean resume = false;
        boolean eof = false;
        synchronized (this) {
            if (spare.size() < SPARE_BUFFERS) {
                spare.add(ByteBuffer.wrap(chunk.array()));
            }
            next = queued.poll();
            if (next != null) {
                if (readsPaused && queued.size() < MAX_QUEUED_CHUNKS / 2) {
                    readsPaused = false;
                    resume = true;
                }
            } else {
                writing = false;
                eof = localEof;
            }
        }
        if (next != null) {
            write(next);
        } else if (eof) {
            sendEof();
        }
        if (resume) {
            readLocal();
        }
    }

    private void sendEof() {
        channel.getAsyncIn().close(false).addListener(f -> uploadFinished()); // EOF after everything sent
    }

    // ---- remote -> local --------------------------------------------------------------------------

    /** Reads from the channel until a read is pending, a socket write is pending, or the channel ends. */
    private void readRemote() {
        while (true) {
            download.clear(false); // no need to wipe: what it held has already gone to the socket
            IoReadFuture read = channel.getAsyncOut().read(download);
            if (!read.isDone()) {
                read.addListener(f -> {
                    if (remoteData(f)) {
                        readRemote();
                    }
                });
                return;
            }
            if (!remoteData(read)) {
                return;
            }
        }
    }

    /** True when the data is already in the socket and the next channel read may start now. */
    private boolean remoteData(IoReadFuture read) {
        Throwable error = read.getException();
        if (error != null) {
            if (error instanceof EOFException) {
                remoteEof();
            } else {
                failed(error);
            }
            return false;
        }
        return writeLocal(ByteBuffer.wrap(download.array(), download.rpos(), download.available()));
    }

    /**
     * Writes to the socket. Returns true when the write completed at once (the caller reads on);
     * otherwise its completion reads on. The JDK may complete on this thread or on another one.
     */
    private boolean writeLocal(ByteBuffer data) {
        // 0: write in flight; 1: caller returned first; 2: completed inline; 3: continued by the handler
        java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
        try {
            socket.write(data, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer n, Void unused) {
                    if (data.hasRemaining()) {
                        state.set(3);
                        finishWrite(data);
                    } else if (!state.compareAndSet(0, 2)) {
                        readRemote();
                    }
                }

                @Override
                public void failed(Throwable e, Void unused) {
                    state.set(3);
                    TunnelConnection.this.failed(e);
                }
            });
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
        return !state.compareAndSet(0, 1) && state.get() == 2;
    }

    /** The socket took part of a chunk: write the rest, then read on from the channel. */
    private void finishWrite(ByteBuffer data) {
        try {
            socket.write(data, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer n, Void unused) {
                    if (data.hasRemaining()) {
                        finishWrite(data);
                    } else {
                        readRemote();
                    }
                }

                @Override
                public void failed(Throwable e, Void unused) {
                    TunnelConnection.this.failed(e);
                }
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void remoteEof() {
        try {
            if (socket.isOpen()) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            LOG.debug("half-close of local socket", e);
        }
        downloadFinished();
    }

    // ---- ending -----------------------------------------------------------------------------------

    private synchronized void uploadFinished() {
        uploadDone = true;
        finishIfDone();
    }

    private synchronized void downloadFinished() {
        downloadDone = true;
        finishIfDone();
    }

    private synchronized void channelClosed() {
        channelClosed = true;
        finishIfDone();
    }

    private void finishIfDone() {
        // Everything the remote sent has been delivered, and either both sides are done sending or the
        // channel is gone (nothing more can go upstream).
        if (downloadDone && (uploadDone || channelClosed)) {
            close(false);
        }
    }

    private void failed(Throwable e) {
        LOG.debug("Tunnel connection ended: {}", String.valueOf(e));
        close(true);
    }

    /** Closes both ends now. */
    void abort() {
        close(true);
    }

    private void close(boolean immediately) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        StableTunnel.closeQuietly(socket);
        channel.close(immediately);
        onFinished.accept(this);
    }
}
