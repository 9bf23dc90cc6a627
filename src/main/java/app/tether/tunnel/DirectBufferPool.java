package app.tether.tunnel;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct buffers kept for a tunnel's next connections, in size classes that double from the smallest. Making a
 * direct buffer costs more than its size suggests (the JDK reserves and zeroes native memory and registers a cleaner
 * that frees it after a garbage collection): for the first download buffer of every new connection it was 4 % of a
 * warmed {@code tether forward} process's CPU during bursts of new connections, and growing it for an answer
 * larger than the first buffer (a new buffer twice as large) almost 3 % more. A class keeps at most its maximum:
 * the smallest the most, each larger one half as many, so each holds the same number of bytes at most.
 */
final class DirectBufferPool {
    private final int smallest;
    private final List<ArrayDeque<ByteBuffer>> free;
    private final int[] max;

    /** Classes {@code smallest}, twice that, …: {@code classes} of them; the smallest keeps {@code mostSmall}. */
    DirectBufferPool(int smallest, int classes, int mostSmall) {
        if (Integer.bitCount(smallest) != 1 || classes < 1) {
            throw new IllegalArgumentException("size classes of " + smallest + " x " + classes);
        }
        this.smallest = smallest;
        this.free = new ArrayList<>(classes);
        this.max = new int[classes];
        for (int i = 0; i < classes; i++) {
            free.add(new ArrayDeque<>());
            max[i] = Math.max(1, mostSmall >> i);
        }
    }

    /** An empty buffer of the smallest size: a kept one, or a new one. */
    ByteBuffer take() {
        return take(smallest);
    }

    /**
     * An empty buffer of at least {@code size} bytes: a kept one of the smallest class that holds it, a new one of
     * that class, or, beyond the largest class, a new one of exactly {@code size}.
     */
    ByteBuffer take(int size) {
        int c = classOf(size);
        if (c < 0) {
            return ByteBuffer.allocateDirect(size);
        }
        ByteBuffer kept;
        synchronized (this) {
            kept = free.get(c).pollLast();
        }
        return kept != null ? kept.clear() : ByteBuffer.allocateDirect(smallest << c);
    }

    /**
     * Keeps {@code buffer} for a later {@link #take} if it is the size of a class and that class has room. The
     * caller must be done with it: nothing may read or write it afterwards (a socket write in flight would).
     */
    void give(ByteBuffer buffer) {
        if (buffer == null || !buffer.isDirect()) {
            return;
        }
        int c = classOf(buffer.capacity());
        if (c < 0 || smallest << c != buffer.capacity()) {
            return;
        }
        synchronized (this) {
            if (free.get(c).size() < max[c]) {
                free.get(c).addLast(buffer);
            }
        }
    }

    /** The class of the smallest buffers that hold {@code size} bytes, or -1 when no class does. */
    private int classOf(int size) {
        int c = 0;
        while (c < free.size() && smallest << c < size) {
            c++;
        }
        return c < free.size() ? c : -1;
    }

    /** Drops every kept buffer: their native memory is freed once the garbage collector finds them unreachable. */
    synchronized void clear() {
        for (ArrayDeque<ByteBuffer> kept : free) {
            kept.clear();
        }
    }

    /** Buffers kept now, all classes. */
    synchronized int kept() {
        int n = 0;
        for (ArrayDeque<ByteBuffer> kept : free) {
            n += kept.size();
        }
        return n;
    }
}
