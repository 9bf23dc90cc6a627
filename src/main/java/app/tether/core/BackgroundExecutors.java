package app.tether.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place background threads are made: named, daemon, and failures logged. */
public final class BackgroundExecutors {
    /** Made on the first failure only: the instance client makes threads before any logging is set up. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(BackgroundExecutors.class);
    }

    private BackgroundExecutors() {
    }

    /** A cached pool of daemon threads called {@code tether-<name>-N}. */
    public static ExecutorService pool(String name) {
        return Executors.newCachedThreadPool(threads(name));
    }

    /** A scheduler with {@code size} daemon threads called {@code tether-<name>-N}. */
    public static ScheduledExecutorService scheduler(String name, int size) {
        return Executors.newScheduledThreadPool(size, threads(name));
    }

    /** Runs work on the calling thread: the seam tests use to make background work synchronous. */
    public static ExecutorService direct() {
        return new DirectExecutorService();
    }

    public static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tether-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> Log.LOG.error("Uncaught failure on {}", t.getName(), e));
            return thread;
        };
    }
}
