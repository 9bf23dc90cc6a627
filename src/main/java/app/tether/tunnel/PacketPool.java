package app.tether.tunnel;

import java.util.ArrayDeque;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * Upload packet buffers of ended connections, kept for a tunnel's next ones. Each new connection read its first
 * request into a packet buffer of the server's largest packet (32 KiB for OpenSSH), allocated and zeroed for it:
 * the largest single cost of a warmed {@code tether forward} process in bursts of new connections (about 5 % of
 * its CPU). At most {@code max} are kept; one too small for a connection is dropped (its session's packets may be
 * larger: a link that came back can have another server).
 */
final class PacketPool {
    private final int max;
    private final ArrayDeque<Buffer> free = new ArrayDeque<>();

    PacketPool(int max) {
        this.max = max;
    }

    /** A kept buffer whose array holds at least {@code arrayLength} bytes, or null. */
    Buffer take(int arrayLength) {
        while (true) {
            Buffer kept;
            synchronized (this) {
                kept = free.pollLast();
            }
            if (kept == null || kept.array().length >= arrayLength) {
                return kept;
            }
        }
    }

    /**
     * Keeps {@code packet} for a later {@link #take} while there is room. The caller must be done with it: no read
     * fills it and the session writes it no more (its write completed).
     */
    void give(Buffer packet) {
        synchronized (this) {
            if (free.size() < max) {
                free.addLast(packet);
            }
        }
    }

    /** Drops every kept buffer (the garbage collector frees them). */
    synchronized void clear() {
        free.clear();
    }

    /** Buffers kept now. */
    synchronized int kept() {
        return free.size();
    }
}
