package app.tether.cli;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Messages;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TunnelStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command ({@code open}, {@code forward}) in the foreground until Ctrl-C, SIGTERM or
 * interruption, printing tunnel state changes on stderr; what it holds is closed on the way out.
 */
final class Foreground {
    private Foreground() {
    }

    /** Prints "NAME: 127.0.0.1:PORT -> HOST:PORT: reconnecting in 3 s (...)" on each change after the first connect. */
    static void reportChanges(CliContext context, List<StableTunnel> tunnels) {
        for (StableTunnel tunnel : tunnels) {
            tunnel.addListener(new java.util.function.Consumer<>() {
                private boolean connectedOnce;

                @Override
                public synchronized void accept(TunnelStatus status) {
                    if (status instanceof TunnelStatus.Connected && !connectedOnce) {
                        connectedOnce = true;
                        return;
                    }
                    if (!connectedOnce || status instanceof TunnelStatus.Closed) {
                        return;
                    }
                    synchronized (context.err()) {
                        context.err().println("tether: " + Messages.get("cli.tunnel.status", tunnel.spec().targetName(),
                                String.valueOf(tunnel.localPort()), tunnel.spec().remote(), status.describe(Instant.now())));
                        context.err().flush();
                    }
                }
            });
        }
    }

    /** Blocks until the process is asked to stop or this thread is interrupted; then closes {@code held}. */
    static int holdUntilStopped(AutoCloseable held) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = BackgroundExecutors.threads("shutdown").newThread(() -> {
            close(held);
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            close(held);
        }
        return 0;
    }

    private static void close(AutoCloseable held) {
        try {
            held.close();
        } catch (Exception e) {
            // closing on the way out is best effort
        }
    }
}
