package app.tether.ui;

import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** "Test connection" in the Add/Edit dialog: connects to a server that is not saved yet and says how it went. */
@FunctionalInterface
public interface ConnectionTester {
    /** Without the live features (tests of the form alone) there is nothing to test with. */
    ConnectionTester NONE = server -> CompletableFuture.completedFuture(new Result(false, ""));

    /** Connects in the background; the future completes on the FX thread. */
    CompletableFuture<Result> test(SshServer server);

    /** What the test found, in the user's words. */
    record Result(boolean ok, String message) {
        static Result failed(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return new Result(false, cause instanceof TetherException e ? e.getLocalizedMessage()
                    : Messages.get("error.unexpected", String.valueOf(cause)));
        }
    }
}
