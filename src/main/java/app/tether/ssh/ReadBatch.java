package app.tether.ssh;

/**
 * The read the session's I/O thread is handling: the packets of one read from the server (data for many
 * connections, often several packets for one) are handled together, and what is queued here runs once all are.
 */
public final class ReadBatch {
    private ReadBatch() {
    }

    /** Runs {@code task} when the current read has been handled, or at once on a thread that handles none. */
    public static void whenHandled(Runnable task) {
        CoalescingSession.afterRead(task);
    }
}
