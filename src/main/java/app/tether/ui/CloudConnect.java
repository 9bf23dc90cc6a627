package app.tether.ui;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.handoff.NotebookUrl;
import app.tether.inventory.Target;
import app.tether.providers.LiveState;
import app.tether.workflow.Connect;
import app.tether.workflow.WebPageOnly;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Connect for the cloud kinds through the {@link Connect} workflow: start the target if needed (asking first
 * when it costs money), wait until it runs, reach its notebook and open it, with a progress dialog.
 */
final class CloudConnect {
    private final Connect connect;
    private final DialogService dialogs;
    private final FxExecutors executors;
    private final UiLanguage language;
    private final Consumer<String> browser;

    CloudConnect(Connect connect, DialogService dialogs, FxExecutors executors, UiLanguage language,
            Consumer<String> browser) {
        this.connect = connect;
        this.dialogs = dialogs;
        this.executors = executors;
        this.language = language;
        this.browser = browser;
    }

    /** Connects to {@code item}'s notebook; the row keeps its address and the state it ended in. */
    CompletableFuture<NotebookUrl> open(TargetItem item, boolean browse, String doneKey) {
        Target target = item.target();
        ProgressModel progress = new ProgressModel(executors.fx());
        dialogs.progress("ui.open.title", progress);
        return executors.supply(() -> {
            try {
                return connect.connect(target, this::askPaidStart, progress);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TetherException(ErrorCode.FAILURE, e, "ui.open.cancelled", target.name());
            }
        }).whenComplete((url, failure) -> {
            connect.lifecycle().cache().get(target.name()).ifPresent(item::applyLive);
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof WebPageOnly page) {
                // No notebook to tunnel to (CNB's WebIDE without SSH): that page is the way in, as `tether open` does.
                finish(progress, page.url().toString(), browse, Messages.get(browse ? "connect.webPage.opened"
                        : "connect.webPage.only", target.name(), page.url()),
                        noBrowser -> Messages.get("connect.webPage.noBrowser", target.name(), noBrowser));
                return;
            }
            if (failure != null) {
                progress.finish(false, message(failure));
                return;
            }
            item.notebookUrlProperty().set(url.text());
            finish(progress, url.text(), browse, Messages.get(doneKey, url.root()),
                    noBrowser -> Messages.get("ui.open.noBrowser", noBrowser));
        });
    }

    /**
     * Ends the progress with {@code done} once the browser started (off the FX thread: the launcher is waited for);
     * without a browser, the address is offered to copy instead.
     */
    private void finish(ProgressModel progress, String address, boolean browse, String done,
            java.util.function.Function<String, String> noBrowserText) {
        if (!browse) {
            progress.finish(true, done);
            return;
        }
        executors.run(() -> browser.accept(address)).whenComplete((opened, noBrowser) -> {
            if (noBrowser == null) {
                progress.finish(true, done);
            } else {
                progress.offer(address);
                progress.finish(true, noBrowserText.apply(message(noBrowser)));
            }
        });
    }

    /** Asked by Connect on its background thread: the question goes to the FX thread, the answer comes back. */
    private boolean askPaidStart(Target target, LiveState state) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            String price = connect.lifecycle().startPrice(target, state).orElse("");
            answer.complete(dialogs.confirm("ui.cloud.paid.title", price.isEmpty() ? "ui.cloud.paid.messageUnknown"
                    : "ui.cloud.paid.message", "ui.cloud.action.start", target.name(), price));
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private static String message(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof TetherException e ? e.getLocalizedMessage()
                : Messages.get("error.unexpected", String.valueOf(cause));
    }
}
