package app.tether.ui;

import app.tether.ssh.SshPrompts;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * SSH questions as dialogs. The asking SSH thread waits while the dialog runs on the FX thread (the FX thread
 * itself is never blocked). Questions are asked only while the user is doing something on purpose
 * ({@link #interactive()}); background status refreshes get "no", as the probe feature requires.
 */
public final class FxSshPrompts implements SshPrompts {
    private final DialogService dialogs;
    private final AtomicInteger interactive = new AtomicInteger();

    public FxSshPrompts(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    /** While the returned scope is open, questions reach the user. */
    public Scope interactive() {
        interactive.incrementAndGet();
        return interactive::decrementAndGet;
    }

    /** An open interactive period; closing it never fails. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public boolean trustNewHostKey(String hostPort, String keyType, String sha256Fingerprint) {
        return interactive.get() > 0 && Boolean.TRUE.equals(
                ask(() -> dialogs.trustHostKey(hostPort, keyType, sha256Fingerprint), false));
    }

    @Override
    public Optional<char[]> passphrase(String keyFile) {
        return interactive.get() > 0
                ? ask(() -> dialogs.askSecret("ui.prompt.passphrase.title", "ui.prompt.passphrase.message", keyFile),
                        Optional.empty())
                : Optional.empty();
    }

    @Override
    public Optional<char[]> password(String userAtHost) {
        return interactive.get() > 0
                ? ask(() -> dialogs.askSecret("ui.prompt.password.title", "ui.prompt.password.message", userAtHost),
                        Optional.empty())
                : Optional.empty();
    }

    /** Runs {@code question} on the FX thread and waits for the answer here; {@code refusal} if interrupted. */
    private static <T> T ask(Supplier<T> question, T refusal) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("SSH prompts must not be called on the FX thread");
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(question.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refusal;
        } catch (ExecutionException e) {
            return refusal;
        }
    }
}
