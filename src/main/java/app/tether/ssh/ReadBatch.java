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

    /**
     * Runs {@code work} now; the SSH packets it writes leave together, in one socket write per session, when it
     * returns (or, inside the handling of a read, with that read's answers).
     */
    public static void together(Runnable work) {
        try {
            CoalescingSession.batch(work::run);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // a Runnable throws nothing checked
        }
    }
}
