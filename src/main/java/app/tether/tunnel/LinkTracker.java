package app.tether.tunnel;

import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one tunnel's status changes into lost / back for {@link TunnelLinkListener}s: lost once when a link that
 * served drops (however many reconnect attempts follow), back once when it serves again. A first connection that
 * has not served yet is not "lost".
 */
final class LinkTracker implements Consumer<TunnelStatus> {
    private final StableTunnel tunnel;
    private final List<TunnelLinkListener> listeners;
    private boolean served;
    private boolean lost;

    LinkTracker(StableTunnel tunnel, List<TunnelLinkListener> listeners) {
        this.tunnel = tunnel;
        this.listeners = listeners;
    }

    @Override
    public void accept(TunnelStatus status) {
        boolean nowLost;
        boolean nowBack;
        synchronized (this) {
            nowLost = served && !lost && status instanceof TunnelStatus.Reconnecting;
            nowBack = lost && status instanceof TunnelStatus.Connected;
            if (status instanceof TunnelStatus.Connected) {
                served = true;
                lost = false;
            } else if (nowLost) {
                lost = true;
            } else if (status instanceof TunnelStatus.Closed) {
                served = false;
                lost = false;
            }
        }
        for (TunnelLinkListener listener : listeners) {
            if (nowLost) {
                listener.lost(tunnel.spec(), tunnel.localPort(),
                        status instanceof TunnelStatus.Reconnecting r ? r.reason() : "");
            } else if (nowBack) {
                listener.back(tunnel.spec(), tunnel.localPort());
            }
        }
    }
}
