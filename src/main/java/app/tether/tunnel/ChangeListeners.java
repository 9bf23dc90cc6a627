package app.tether.tunnel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who wants to hear that a set of tunnels changed (opened, closed): the instance's list of held tunnels and the
 * window's tunnels dialog. Fired by the changing thread after it let go of its own lock, so a listener may read
 * any tunnel set without an order of locks to keep.
 */
public final class ChangeListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListeners.class);

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** A registration; closing it never fails. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    public Subscription add(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Runs every listener; one that fails is logged and does not stop the others. */
    public void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A tunnel change listener failed", e);
            }
        }
    }
}
