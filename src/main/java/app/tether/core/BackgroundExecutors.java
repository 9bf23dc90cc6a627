package app.tether.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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

    /**
     * A scheduler with {@code size} daemon threads called {@code tether-<name>-N}. A task cancelled before its time
     * leaves the queue at once: the JDK's default keeps it, and whatever it holds, until its time comes (a tunnel
     * schedules a 15 s timeout for every new connection and cancels it once the channel opens: at 3 000 connections a
     * second some 45 000 dead timeouts held their channels and sessions in memory).
     */
    public static ScheduledExecutorService scheduler(String name, int size) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(size, threads(name));
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** Runs work on the calling thread: the seam tests use to make background work synchronous. */
    public static ExecutorService direct() {
        return new DirectExecutorService();
    }

    public static ThreadFactory threads(String name) {
        return new NamedDaemons(name);
    }

    private static Thread daemon(Runnable runnable, String name, Thread.UncaughtExceptionHandler failures) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(failures);
        return thread;
    }

    /**
     * Daemon threads called {@code tether-<name>-N} that log what they fail with. A class, not lambdas: the CLI
     * client makes one before its first byte is out, where each first lambda costs start-up time.
     */
    private static final class NamedDaemons implements ThreadFactory, Thread.UncaughtExceptionHandler {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedDaemons(String name) {
            this.prefix = "tether-".concat(name).concat("-");
        }

        @Override
        public Thread newThread(Runnable runnable) {
            return daemon(runnable, prefix.concat(Integer.toString(count.incrementAndGet())), this);
        }

        @Override
        public void uncaughtException(Thread thread, Throwable failure) {
            Log.LOG.error("Uncaught failure on {}", thread.getName(), failure);
        }
    }
}
