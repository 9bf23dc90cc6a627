package app.tether.watch;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to the app's {@link WatchEvents}: each event that makes a {@link Notice} is handed, in order, to every
 * notifier on one background thread, so neither the watcher that published it nor the FX thread waits on D-Bus.
 */
public final class NoticeDispatch implements Consumer<WatchEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeDispatch.class);

    private final Notices notices;
    private final List<Notifier> notifiers;
    private final ExecutorService delivery;

    /** @param delivery a single-threaded executor (keeps a countdown's updates in order), or a direct one in tests */
    public NoticeDispatch(Notices notices, List<Notifier> notifiers, ExecutorService delivery) {
        this.notices = notices;
        this.notifiers = List.copyOf(notifiers);
        this.delivery = delivery;
    }

    @Override
    public void accept(WatchEvent event) {
        Optional<Notice> notice = notices.of(event);
        if (notice.isEmpty()) {
            return;
        }
        delivery.execute(() -> deliver(notice.get()));
    }

    private void deliver(Notice notice) {
        for (Notifier notifier : notifiers) {
            try {
                if (notice.withdraw()) {
                    notifier.withdraw(notice.key());
                } else {
                    notifier.show(notice);
                }
            } catch (RuntimeException e) {
                LOG.warn("Notifier {} failed on {}", notifier.getClass().getSimpleName(), notice.key(), e);
            }
        }
    }

    /** Stops delivering and closes every notifier. */
    @Override
    public void close() {
        delivery.shutdown();
        for (Notifier notifier : notifiers) {
            try {
                notifier.close();
            } catch (Exception e) {
                LOG.warn("Closing notifier {} failed", notifier.getClass().getSimpleName(), e);
            }
        }
    }
}
