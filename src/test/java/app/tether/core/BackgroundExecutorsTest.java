package app.tether.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundExecutorsTest {
    @Test
    void aCancelledTaskLeavesTheSchedulerAtOnce() throws Exception {
        ScheduledExecutorService scheduler = BackgroundExecutors.scheduler("test", 1);
        try {
            byte[] held = new byte[1024];
            ScheduledFuture<?> timeout = scheduler.schedule(() -> held.length, 1, TimeUnit.HOURS);
            ScheduledThreadPoolExecutor queue = (ScheduledThreadPoolExecutor) scheduler;
            assertEquals(1, queue.getQueue().size());
            timeout.cancel(false);
            assertEquals(0, queue.getQueue().size(), "a cancelled task (and what it holds) stays queued");
            assertEquals(42, scheduler.schedule(() -> 42, 1, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS));
        } finally {
            scheduler.shutdownNow();
        }
        assertTrue(scheduler.awaitTermination(10, TimeUnit.SECONDS));
    }
}
