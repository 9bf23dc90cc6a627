package app.tether.tunnel;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local connection and its direct-tcpip channel, pumped without blocking a thread: the tunnel's
 * {@link LocalIoLoop} reads the local socket and hands each chunk to the channel, and data from the
 * server is written to the local socket straight from MINA's I/O thread when the socket can take it
 * (no thread hop, which is what keeps round trips short), or finished by the loop when it cannot.
 * Flow control both ways: local reads pause while more than {@link #MAX_QUEUED} bytes wait for the
 * channel (which takes one write at a time, as the remote window allows), and the next channel read
 * (which opens the SSH window) waits until the previous data reached the socket.
 * Half-close is carried both ways (EOF on one side becomes EOF on the other).
 */
final class TunnelConnection implements LocalIoLoop.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelConnection.class);
    /** Local data read ahead while the channel is still writing earlier chunks; beyond it, reading pauses. */
    static final int MAX_QUEUED = 2 * LocalIoLoop.READ_BUFFER;
    /** Server data handed over per channel read. */
    static final int DOWNLOAD_CHUNK = 64 * 1024;

    private final SocketChannel socket;
    private final ChannelDirectTcpip channel;
    private final LocalIoLoop loop;
    private final Consumer<TunnelConnection> onFinished;
    private final ByteArrayBuffer download = new ByteArrayBuffer(DOWNLOAD_CHUNK);
    private final java.util.ArrayDeque<ByteArrayBuffer> queued = new java.util.ArrayDeque<>();
    private SelectionKey key;
    private ByteBuffer unwritten;
    private boolean writing;
    private int queuedBytes;
    private boolean readsPaused;
    private boolean localEof;
    private boolean uploadDone;
    private boolean downloadDone;
    private boolean channelClosed;
    private boolean finished;

    TunnelConnection(SocketChannel socket, ChannelDirectTcpip channel, LocalIoLoop loop,
            Consumer<TunnelConnection> onFinished) {
        this.socket = socket;
        this.channel = channel;
        this.loop = loop;
        this.onFinished = onFinished;
        channel.addCloseFutureListener(f -> channelClosed());
    }

    /** Starts both directions; the socket must be non-blocking. */
    void start() {
        loop.execute(() -> {
            try {
                key = loop.register(socket, SelectionKey.OP_READ, this);
            } catch (IOException | RuntimeException e) {
                failed(e);
                return;
            }
            readRemote();
        });
    }

    // ---- local -> remote --------------------------------------------------------------------------

    @Override
    public void ready(SelectionKey readyKey) {
        if (readyKey.isWritable()) {
            readyKey.interestOps(readyKey.interestOps() & ~SelectionKey.OP_WRITE);
            if (writeLocal()) {
                readRemote();
            }
        }
        if (readyKey.isValid() && readyKey.isReadable()) {
            readLocal(readyKey);
        }
    }

    private void readLocal(SelectionKey readyKey) {
        int n;
        ByteBuffer readBuffer = loop.readBuffer();
        try {
            readBuffer.clear();
            n = socket.read(readBuffer);
        } catch (IOException e) {
            failed(e);
            return;
        }
        if (n == 0) {
            return;
        }
        if (n < 0) {
            readyKey.interestOps(readyKey.interestOps() & ~SelectionKey.OP_READ);
            synchronized (this) {
                localEof = true;
                if (writing) {
                    return; // the last write's completion sends the EOF
                }
            }
            sendEof();
            return;
        }
        ByteArrayBuffer chunk = new ByteArrayBuffer(java.util.Arrays.copyOf(readBuffer.array(), n));
        synchronized (this) {
            if (writing) {
                // The channel takes one write at a time: queue this one, and stop reading when enough waits.
                queued.add(chunk);
                queuedBytes += n;
                if (queuedBytes >= MAX_QUEUED) {
                    readsPaused = true;
                    readyKey.interestOps(readyKey.interestOps() & ~SelectionKey.OP_READ);
                }
                return;
            }
            writing = true;
        }
        write(chunk);
    }

    /** Hands one chunk to the channel; its completion (on MINA's thread) starts the next queued one. */
    private void write(ByteArrayBuffer chunk) {
        try {
            channel.getAsyncIn().writeBuffer(chunk).addListener(this::written);
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void written(IoWriteFuture done) {
        if (!done.isWritten()) {
            failed(done.getException());
            return;
        }
        ByteArrayBuffer next;
        boolean resume = false;
        boolean eof = false;
        synchronized (this) {
            next = queued.poll();
            if (next != null) {
                queuedBytes -= next.available();
                if (readsPaused && queuedBytes < MAX_QUEUED / 2) {
                    readsPaused = false;
                    resume = true;
                }
            } else {
                writing = false;
                eof = localEof;
            }
        }
        if (resume) {
            loop.execute(this::resumeLocalReads);
        }
        if (next != null) {
            write(next);
        } else if (eof) {
            sendEof();
        }
    }

    private void sendEof() {
        channel.getAsyncIn().close(false).addListener(f -> uploadFinished()); // EOF after everything sent
    }

    private void resumeLocalReads() {
        if (key != null && key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
    }

    // ---- remote -> local --------------------------------------------------------------------------

    /** Reads from the channel until a read is pending, the socket is full, or the channel ends. */
    private void readRemote() {
        while (true) {
            download.clear();
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

    /** True when the data reached the socket and the next channel read may start. */
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
        unwritten = ByteBuffer.wrap(download.array(), download.rpos(), download.available());
        return writeLocal();
    }

    /** Writes what is left of the last chunk; when the socket is full, the loop finishes it later. */
    private boolean writeLocal() {
        try {
            while (unwritten.hasRemaining()) {
                if (socket.write(unwritten) == 0) {
                    loop.execute(() -> {
                        if (key != null && key.isValid()) {
                            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                        }
                    });
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            failed(e);
            return false;
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

    @Override
    public void failed(Exception e) {
        failed((Throwable) e);
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
