package app.tether.watch;

import app.tether.inventory.Target;
import app.tether.providers.LiveState;
import java.util.List;

/** Reads the idle rule's signals of one running target (may block on the network, each read with a timeout). */
@FunctionalInterface
public interface IdleSignals {
    /** One reading of each signal, GPU threshold from {@code settings}. */
    List<IdleSignal> read(Target target, LiveState state, IdleSettings settings) throws InterruptedException;
}
