package app.tether.tunnel;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Direct buffers of one size, kept for a tunnel's next connections. Making a direct buffer costs more than its
 * size suggests (the JDK reserves and zeroes native memory and registers a cleaner that frees it after a garbage
 * collection): for the first download buffer of every new connection it was 4 % of a warmed {@code tether forward}
 * process's CPU during bursts of new connections. At most {@code max} are kept.
 */
final class DirectBufferPool {
    private final int size;
    private final int max;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    DirectBufferPool(int size, int max) {
        this.size = size;
        this.max = max;
    }

    /** An empty buffer of the pool's size: a kept one, or a new one. */
    ByteBuffer take() {
        ByteBuffer kept;
        synchronized (this) {
            kept = free.pollLast();
        }
        return kept != null ? kept.clear() : ByteBuffer.allocateDirect(size);
    }

    /**
     * Keeps {@code buffer} for a later {@link #take} if it is one of the pool's size and there is room. The caller
     * must be done with it: nothing may read or write it afterwards (a socket write in flight would).
     */
    void give(ByteBuffer buffer) {
        if (buffer == null || !buffer.isDirect() || buffer.capacity() != size) {
            return;
        }
        synchronized (this) {
            if (free.size() < max) {
                free.addLast(buffer);
            }
        }
    }

    /** Buffers kept now. */
    synchronized int kept() {
        return free.size();
    }
}
