package app.tether.watch;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a process's watchers publish their {@link WatchEvent}s and the notifiers, the tray, the window and
 * {@code tether watch} take them from. Subscribers are called on the publisher's thread, in subscription order; one
 * that throws is logged and does not stop the others.
 */
public final class WatchEvents implements Consumer<WatchEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchEvents.class);
    private final List<Consumer<WatchEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Adds {@code subscriber}; closing the result removes it again. */
    public AutoCloseable subscribe(Consumer<WatchEvent> subscriber) {
        Objects.requireNonNull(subscriber);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Hands {@code event} to every subscriber. */
    @Override
    public void accept(WatchEvent event) {
        for (Consumer<WatchEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("A subscriber failed on {} of {}", event.type(), event.target(), e);
            }
        }
    }
}
