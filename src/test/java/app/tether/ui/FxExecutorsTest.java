package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Background work handed back on the "FX" executor (here: the calling thread), also once the pool is shut down. */
class FxExecutorsTest {
    @Test
    void workRunsInTheBackgroundAndItsFailureArrivesAsTheFuture() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            FxExecutors executors = new FxExecutors(pool, Runnable::run);
            assertEquals(42, executors.supply(() -> 42).get(10, TimeUnit.SECONDS));
            CompletableFuture<Object> failing = executors.supply(() -> {
                throw new IllegalStateException("no");
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A closing window's pool is shut down while an update queued before it still renders (CI: CnbWindowTest got the
     * RejectedExecutionException thrown on the FX thread): the work fails as its future, nothing is thrown.
     */
    @Test
    void workForAShutDownPoolFailsAsItsFuture() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdownNow();
        FxExecutors executors = new FxExecutors(pool, Runnable::run);
        CompletableFuture<Integer> result = executors.supply(() -> 42);
        assertTrue(result.isCompletedExceptionally());
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }
}
