package app.tether.tunnel;

import app.tether.ssh.ReadBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.session.helpers.PacketBuffer;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local connection and its direct-tcpip channel, pumped without a thread of its own. The local
 * socket lives in the SSH sessions' channel group, so each completion runs on the I/O thread where
 * the event arrived and hands the data straight on: local bytes go to the channel, server bytes go to
 * the socket, with no thread hand-off in between (that is what keeps round trips short).
 * Flow control both ways: local reads pause while {@link #MAX_QUEUED_CHUNKS} chunks wait for the
 * channel (which takes one write at a time, as the remote window allows), and the server's data opens
 * the SSH window again only once it has reached the socket.
 * Half-close is carried both ways (EOF on one side becomes EOF on the other).
 */
final class TunnelConnection implements ForwardChannel.Sink {
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
    /**
     * Where a chunk's data starts in its packet buffer: after the packet length (4), the padding length (1), the
     * message number (1), the channel (4) and the data length (4). MINA sends a {@link PacketBuffer} whose data is
     * all there as the packet itself ({@code ChannelAsyncOutputStream.createSendBuffer} writes that header in front
     * of it, encrypts in place): no packet allocated and zeroed, no copy of the data.
     */
    static final int PACKET_DATA_START = 14;
    /** The two download buffers' first size; they grow to what waits for the socket (at most the SSH window). */
    private static final int FIRST_DOWNLOAD_BUFFER = 8 * 1024;

    private final AsynchronousSocketChannel socket;
    private final ForwardChannel channel;
    private final Consumer<TunnelConnection> onFinished;
    private final int uploadChunk;
    /** Packet buffers whose data the channel has sent: reading into them saves an allocation per read. */
    private final ArrayDeque<Buffer> spare = new ArrayDeque<>();
    private final ArrayDeque<Buffer> queued = new ArrayDeque<>();
    private boolean writing;
    private boolean readsPaused;
    private boolean localEof;
    /**
     * Server data waiting for the socket while {@link #writingOut} is being written; grows up to the window. Direct
     * buffers: the JDK writes a heap buffer to a socket through a direct one of its own, one more copy of every byte.
     */
    private ByteBuffer filling = ByteBuffer.allocateDirect(FIRST_DOWNLOAD_BUFFER);
    private ByteBuffer writingOut = ByteBuffer.allocateDirect(FIRST_DOWNLOAD_BUFFER);
    private boolean socketWriting;
    /** A write of what arrived is queued for the end of the current read ({@link #flushDownload}). */
    private boolean flushScheduled;
    private boolean serverEnded;
    private boolean uploadDone;
    private boolean downloadDone;
    private boolean channelClosed;
    private boolean finished;

    TunnelConnection(AsynchronousSocketChannel socket, ForwardChannel channel, Consumer<TunnelConnection> onFinished) {
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
        channel.attach(this);
    }

    // ---- local -> remote --------------------------------------------------------------------------

    private void readLocal() {
        Buffer packet;
        synchronized (this) {
            packet = spare.poll();
        }
        try {
            if (packet == null) {
                // Sized by the session for a data packet of a whole chunk (padding and MAC or tag included).
                packet = channel.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_DATA, uploadChunk + 12);
            }
            Buffer upload = packet;
            // The encoded packet's array may have been replaced (grown): always read into the current one.
            ByteBuffer into = ByteBuffer.wrap(upload.array(), PACKET_DATA_START, uploadChunk);
            socket.read(into, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer n, Void unused) {
                    localData(upload, n);
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

    private void localData(Buffer upload, int n) {
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
        // The channel sends this buffer as the packet (no copy); it comes back to the spares once written.
        Buffer chunk = upload;
        chunk.rpos(PACKET_DATA_START);
        chunk.wpos(PACKET_DATA_START + n);
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
    private void write(Buffer chunk) {
        try {
            channel.getAsyncIn().writeBuffer(chunk).addListener(done -> written(chunk, done));
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void written(Buffer chunk, IoWriteFuture done) {
        if (!done.isWritten()) {
            failed(done.getException());
            return;
        }
        Buffer next;
        boolean resume = false;
        boolean eof = false;
        synchronized (this) {
            // Encoding may have replaced the array (grown it); a packet buffer with room for a chunk is reused.
            if (spare.size() < SPARE_BUFFERS && chunk instanceof PacketBuffer
                    && chunk.array().length >= PACKET_DATA_START + uploadChunk) {
                spare.add(chunk);
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

    /**
     * The server's data, as the channel receives it (session thread, in order): copied behind what waits for the
     * socket, and written at once when no socket write is in flight. The SSH window opens again by what reached
     * the socket, so at most a window's worth waits here.
     */
    @Override
    public void serverData(Readable data) {
        boolean schedule;
        synchronized (this) {
            if (finished) {
                return;
            }
            fill(data);
            schedule = !socketWriting && !flushScheduled;
            flushScheduled |= schedule;
        }
        if (schedule) {
            // One socket write for all the packets of this read: the reader wakes once, not once per packet.
            ReadBatch.whenHandled(this::flushDownload);
        }
    }

    /** Writes what the read brought when no socket write is in flight (one in flight writes it when done). */
    private void flushDownload() {
        synchronized (this) {
            flushScheduled = false;
        }
        writeNext();
    }

    /** Writes what waits for the socket unless a write is in flight; with nothing waiting, passes the EOF on. */
    private void writeNext() {
        boolean write;
        boolean eof;
        synchronized (this) {
            if (socketWriting || finished) {
                return;
            }
            write = filling.position() > 0;
            if (write) {
                socketWriting = true;
                swapDownloadBuffers();
            }
            eof = !write && serverEnded && !flushScheduled;
        }
        if (write) {
            writeLocal();
        } else if (eof) {
            remoteEof();
        }
    }

    @Override
    public void serverEof() {
        boolean now;
        synchronized (this) {
            serverEnded = true;
            now = !socketWriting && !flushScheduled;
        }
        if (now) {
            remoteEof();
        }
    }

    /** Caller holds the lock: copies the server's data behind what waits in {@link #filling}, growing it. */
    private void fill(Readable data) {
        int n = data.available();
        if (filling.remaining() < n) {
            int size = filling.capacity();
            while (size - filling.position() < n) {
                size *= 2;
            }
            ByteBuffer bigger = ByteBuffer.allocateDirect(size);
            filling.flip();
            bigger.put(filling);
            filling = bigger;
        }
        if (data instanceof Buffer buffer) {
            filling.put(buffer.array(), buffer.rpos(), n);
            buffer.rpos(buffer.rpos() + n);
        } else {
            byte[] bytes = new byte[n];
            data.getRawBytes(bytes, 0, n);
            filling.put(bytes);
        }
    }

    /** Caller holds the lock: what was filled is written next, and the written buffer is filled. */
    private void swapDownloadBuffers() {
        ByteBuffer next = writingOut;
        writingOut = filling;
        writingOut.flip();
        filling = next;
        filling.clear();
    }

    /** Writes {@link #writingOut} to the socket; its completion writes what came meanwhile, or the EOF. */
    private void writeLocal() {
        int length = writingOut.remaining();
        ByteBuffer data = writingOut;
        try {
            socket.write(data, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer n, Void unused) {
                    if (data.hasRemaining()) {
                        socket.write(data, null, this);
                        return;
                    }
                    localWritten(length);
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

    private void localWritten(int bytes) {
        try {
            channel.getLocalWindow().release(bytes); // the server may send that much more
        } catch (IOException | RuntimeException e) {
            failed(e);
            return;
        }
        synchronized (this) {
            socketWriting = false;
        }
        writeNext();
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

    private void uploadFinished() {
        ended(() -> uploadDone = true);
    }

    private void downloadFinished() {
        ended(() -> downloadDone = true);
    }

    private void channelClosed() {
        ended(() -> channelClosed = true);
    }

    /**
     * Marks one part ended; closes once everything the remote sent has been delivered, and either both sides are
     * done sending or the channel is gone (nothing more can go upstream). Closing happens outside this object's
     * lock, as every call out of it does: closing the channel closes its data stream, which calls
     * {@link #serverEof()} from the closing thread.
     */
    private void ended(Runnable mark) {
        boolean done;
        synchronized (this) {
            mark.run();
            done = downloadDone && (uploadDone || channelClosed);
        }
        if (done) {
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
