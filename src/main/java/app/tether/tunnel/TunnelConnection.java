package app.tether.tunnel;

import app.tether.ssh.ReadBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.RemoteWindow;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local connection and its direct-tcpip channel, pumped without a thread of its own. The local
 * socket lives in the SSH sessions' channel group, so each completion runs on the I/O thread where
 * the event arrived and hands the data straight on: local bytes go to the channel, server bytes go to
 * the socket, with no thread hand-off in between (that is what keeps round trips short).
 * Flow control both ways: local reads pause while {@link #MAX_HELD_PACKETS} packets wait for the
 * server's window or are being written, and the server's data opens the SSH window again only once it
 * has reached the socket.
 * Half-close is carried both ways (EOF on one side becomes EOF on the other).
 */
final class TunnelConnection implements ForwardChannel.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelConnection.class);
    /** Most bytes of one data packet; fewer when the server's largest packet is smaller (OpenSSH: 32 KiB). */
    static final int UPLOAD_CHUNK = 64 * 1024;
    /** Packets read and not yet written (waiting for the window, or being written); beyond them, reading pauses. */
    static final int MAX_HELD_PACKETS = 8;
    /**
     * Packets one read of the local socket fills at most (one system call for up to this many chunks). A connection
     * starts with one and doubles it each time a read fills all it had: most send a request that fits one packet,
     * and each packet buffer is allocated and zeroed (32 KiB for OpenSSH) before its first read.
     */
    static final int READ_PACKETS = 4;
    /**
     * Packet buffers kept for reuse once written: as many as can be held, so a bulk upload allocates none after its
     * first round.
     */
    private static final int SPARE_BUFFERS = 8;
    /**
     * Where a chunk's data starts in its packet buffer: after the packet length (4), the padding length (1), the
     * message number (1), the channel (4) and the data length (4). The local socket is read straight into the
     * packet, the header is written in front of the data and the session encrypts it in place: no packet allocated
     * and zeroed per chunk, no copy of the data (MINA's upload stream copied each chunk into a new packet, and
     * took one packet at a time).
     */
    static final int PACKET_DATA_START = 14;
    /** The channel data header in front of the data: message number (1), channel (4), data length (4). */
    private static final int DATA_HEADER = 9;
    /** Room a packet buffer needs after a whole chunk for the padding and the MAC or tag, as the session sizes it. */
    private static final int PACKET_ROOM_AFTER = 16;
    /** The two download buffers' first size; they grow to what waits for the socket (at most the SSH window). */
    static final int FIRST_DOWNLOAD_BUFFER = 16 * 1024;

    private final AsynchronousSocketChannel socket;
    private final ForwardChannel channel;
    private final Consumer<TunnelConnection> onFinished;
    /** Where download buffers (the first of {@link #FIRST_DOWNLOAD_BUFFER}) come from and go back to once finished. */
    private final DirectBufferPool downloadBuffers;
    /** Where upload packet buffers come from when the connection has none spare, and go back to once finished. */
    private final PacketPool uploadPackets;
    private final int uploadChunk;
    /** The least array a packet buffer needs to be read into again: room for a whole chunk, padding and tag. */
    private final int packetArray;
    /** Packet buffers already written: reading into them saves an allocation per read. */
    private final ArrayDeque<Buffer> spare = new ArrayDeque<>();
    /** Packets read from the local socket, in order, waiting for the server's window. */
    private final ArrayDeque<Buffer> ready = new ArrayDeque<>();
    /** Packets handed to the session and not yet written. */
    private int inFlight;
    private boolean reading;
    /** Packets the next read fills at most; grows to {@link #READ_PACKETS} while reads fill all they have. */
    private int readPackets = 1;
    private boolean sending;
    private boolean sendAgain;
    private boolean localEof;
    private boolean eofSent;
    /**
     * Server data waiting for the socket while {@link #writingOut} is being written; grows up to the window. Direct
     * buffers: the JDK writes a heap buffer to a socket through a direct one of its own, one more copy of every byte.
     */
    private ByteBuffer filling;
    /** Made when first needed, as {@link #filling} is: an answer that arrives in one read needs only one. */
    private ByteBuffer writingOut;
    private boolean socketWriting;
    /** A write of what arrived is queued for the end of the current read ({@link #flushDownload}). */
    private boolean flushScheduled;
    private boolean serverEnded;
    private boolean uploadDone;
    private boolean downloadDone;
    private boolean channelClosed;
    private boolean finished;

    TunnelConnection(AsynchronousSocketChannel socket, ForwardChannel channel, DirectBufferPool downloadBuffers,
            PacketPool uploadPackets, Consumer<TunnelConnection> onFinished) {
        this.socket = socket;
        this.channel = channel;
        this.downloadBuffers = downloadBuffers;
        this.uploadPackets = uploadPackets;
        this.onFinished = onFinished;
        long packet = channel.getRemoteWindow().getPacketSize();
        // Never more than the server's largest packet: the connection frames its packets itself.
        this.uploadChunk = (int) Math.max(1, Math.min(UPLOAD_CHUNK, packet));
        this.packetArray = PACKET_DATA_START + uploadChunk + PACKET_ROOM_AFTER;
        channel.addCloseFutureListener(f -> channelClosed());
        channel.whenWindowOpens(this::sendReady);
    }

    /** Starts both directions. */
    void start() {
        readLocal();
        channel.attach(this);
    }

    // ---- local -> remote --------------------------------------------------------------------------

    /**
     * Reads the local socket into as many packet buffers as one read may fill ({@link #READ_PACKETS}) while fewer
     * than {@link #MAX_HELD_PACKETS} are read and not yet written.
     */
    private void readLocal() {
        Buffer[] packets;
        synchronized (this) {
            int room = MAX_HELD_PACKETS - ready.size() - inFlight;
            if (reading || localEof || finished || room <= 0) {
                return; // a written packet reads on
            }
            reading = true;
            packets = new Buffer[Math.min(readPackets, room)];
            for (int i = 0; i < packets.length; i++) {
                packets[i] = spare.poll();
            }
        }
        try {
            ByteBuffer[] into = new ByteBuffer[packets.length];
            for (int i = 0; i < packets.length; i++) {
                if (packets[i] == null) {
                    Buffer kept = uploadPackets.take(packetArray);
                    packets[i] = kept != null ? kept : newPacket(uploadChunk);
                }
                // Encoding may have replaced a packet's array (grown it): always read into the current one.
                into[i] = ByteBuffer.wrap(packets[i].array(), PACKET_DATA_START, uploadChunk);
            }
            socket.read(into, 0, into.length, 0L, TimeUnit.MILLISECONDS, null, new CompletionHandler<Long, Void>() {
                @Override
                public void completed(Long n, Void unused) {
                    localData(packets, n);
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

    /** What one read brought: a packet per chunk, sent as the window allows; then the next read. */
    private void localData(Buffer[] packets, long n) {
        synchronized (this) {
            reading = false;
            long left = Math.max(n, 0);
            for (Buffer packet : packets) {
                if (left > 0) {
                    int length = (int) Math.min(uploadChunk, left);
                    packet.rpos(PACKET_DATA_START);
                    packet.wpos(PACKET_DATA_START + length);
                    ready.add(packet);
                    left -= length;
                } else if (spare.size() < SPARE_BUFFERS) {
                    spare.add(packet);
                }
            }
            localEof |= n < 0;
            if (n == (long) packets.length * uploadChunk) {
                readPackets = Math.min(READ_PACKETS, readPackets * 2); // more was waiting: read more at once
            }
        }
        sendReady();
        readLocal();
    }

    /**
     * Sends the packets that are ready as far as the server's window allows, all in one socket write; then, once
     * the local side has ended and everything is written, the EOF. One thread at a time sends (packets keep their
     * order); a call meanwhile makes it look again.
     */
    private void sendReady() {
        synchronized (this) {
            if (sending) {
                sendAgain = true;
                return;
            }
            sending = true;
        }
        ReadBatch.together(this::sendWhatFits);
    }

    private void sendWhatFits() {
        while (true) {
            Buffer packet;
            boolean eof = false;
            synchronized (this) {
                packet = finished ? null : nextPacket();
                if (packet == null) {
                    if (sendAgain && !finished) {
                        sendAgain = false;
                        continue;
                    }
                    sending = false;
                    eof = localEof && !reading && ready.isEmpty() && inFlight == 0 && !eofSent && !finished;
                    eofSent |= eof;
                } else {
                    inFlight++;
                }
            }
            if (packet == null) {
                if (eof) {
                    sendEof();
                }
                return;
            }
            try {
                Buffer sent = packet;
                channel.getSession().writePacket(sent).addListener(done -> written(sent, done));
            } catch (IOException | RuntimeException e) {
                failed(e);
                return;
            }
        }
    }

    /**
     * Caller holds the lock: the next packet the server's window takes, framed as a channel data packet in front
     * of its data, or null. A packet larger than the window sends what fits as a copy; the rest waits.
     */
    private Buffer nextPacket() {
        Buffer packet = ready.peek();
        if (packet == null) {
            return null;
        }
        RemoteWindow window = channel.getRemoteWindow();
        long fits = window.getSize();
        if (fits <= 0) {
            return null; // the server's window adjustment sends on
        }
        int length = packet.available();
        if (fits >= length) {
            ready.poll();
            window.consume(length);
            // The header goes right in front of the data, as MINA's own zero-copy path puts it.
            int dataStart = packet.rpos();
            packet.wpos(dataStart - DATA_HEADER);
            packet.putByte(SshConstants.SSH_MSG_CHANNEL_DATA);
            packet.putUInt(channel.getRecipient());
            packet.putUInt(length);
            packet.rpos(dataStart - DATA_HEADER);
            packet.wpos(dataStart + length);
            return packet;
        }
        int part = (int) fits;
        Buffer copy = newPacket(part);
        copy.putUInt(channel.getRecipient());
        copy.putUInt(part);
        copy.putRawBytes(packet.array(), packet.rpos(), part);
        packet.rpos(packet.rpos() + part);
        window.consume(part);
        return copy;
    }

    /**
     * A buffer the session sized for a channel data packet of {@code dataLength} bytes (padding and MAC or tag
     * included), its message number written: the channel and length go next, the data at {@link #PACKET_DATA_START}.
     */
    private Buffer newPacket(int dataLength) {
        return channel.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_DATA, dataLength + 12);
    }

    private void written(Buffer packet, IoWriteFuture done) {
        if (!done.isWritten()) {
            failed(done.getException());
            return;
        }
        synchronized (this) {
            inFlight--;
            // A packet buffer with room for a chunk is read into again (not the copies of split chunks); once the
            // connection has finished, the next connection may.
            if (packet.array().length >= packetArray) {
                if (finished) {
                    uploadPackets.give(packet);
                } else if (spare.size() < SPARE_BUFFERS) {
                    spare.add(packet);
                }
            }
        }
        sendReady(); // the EOF, once all is written
        readLocal();
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
            write = filling != null && filling.position() > 0;
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
        if (filling == null) {
            filling = downloadBuffers.take();
        }
        if (filling.remaining() < n) {
            int size = filling.capacity();
            while (size - filling.position() < n) {
                size *= 2;
            }
            ByteBuffer bigger = downloadBuffers.take(size);
            filling.flip();
            bigger.put(filling);
            downloadBuffers.give(filling); // only this connection held it, and no write reads it
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
        if (filling != null) {
            filling.clear();
        }
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
            if (finished) { // close() left the buffers to this write
                releaseDownloadBuffers();
                return;
            }
        }
        writeNext();
    }

    /** Gives both download buffers back to the pool (the caller holds this connection's lock; no write reads them). */
    private void releaseDownloadBuffers() {
        downloadBuffers.give(filling);
        downloadBuffers.give(writingOut);
        filling = null;
        writingOut = null;
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
            if (!socketWriting) { // no socket write reads them now, and none starts once finished
                releaseDownloadBuffers();
            }
            // Spare packets are neither being read into nor written; one whose write is in flight never gets here.
            for (Buffer packet = spare.poll(); packet != null; packet = spare.poll()) {
                uploadPackets.give(packet);
            }
        }
        StableTunnel.closeQuietly(socket);
        channel.close(immediately);
        onFinished.accept(this);
    }
}
