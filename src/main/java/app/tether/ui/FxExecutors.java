package app.tether.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Runs work in the background and hands its result back on the FX thread. */
public final class FxExecutors {
    /** Runs on the FX thread: at once when already there, else later. */
    public static final Executor FX = runnable -> {
        if (Platform.isFxApplicationThread()) {
            runnable.run();
        } else {
            Platform.runLater(runnable);
        }
    };

    private final Executor background;
    private final Executor fx;

    public FxExecutors(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
    }

    /** Runs {@code work} on the background executor; the future completes on the FX executor. */
    public <T> CompletableFuture<T> supply(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            background.execute(() -> {
                try {
                    T value = work.get();
                    fx.execute(() -> result.complete(value));
                } catch (RuntimeException | Error e) {
                    fx.execute(() -> result.completeExceptionally(e));
                }
            });
        } catch (RejectedExecutionException e) {
            // The window's executors are shut down (it is closing) while an update queued before still renders:
            // the work fails like any other, instead of an exception thrown on the FX thread.
            result.completeExceptionally(e);
        }
        return result;
    }

    public CompletableFuture<Void> run(Runnable work) {
        return supply(() -> {
            work.run();
            return null;
        });
    }

    public Executor fx() {
        return fx;
    }

    public Executor background() {
        return background;
    }
}
