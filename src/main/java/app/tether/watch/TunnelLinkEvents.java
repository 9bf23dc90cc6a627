package app.tether.watch;

import app.tether.core.Messages;
import app.tether.tunnel.TunnelLinkListener;
import app.tether.tunnel.TunnelSpec;
import java.time.Clock;
import java.util.function.Consumer;

/** Publishes a tunnel's lost and regained SSH link as {@link WatchEvent.Type#TUNNEL_LOST} / {@code TUNNEL_BACK}. */
public final class TunnelLinkEvents implements TunnelLinkListener {
    private final Consumer<WatchEvent> events;
    private final Clock clock;

    public TunnelLinkEvents(Consumer<WatchEvent> events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void lost(TunnelSpec spec, int localPort, String reason) {
        events.accept(new WatchEvent(clock.instant(), spec.targetName(), WatchEvent.Type.TUNNEL_LOST, null,
                Messages.get("watch.event.tunnelLost", spec.targetName(), String.valueOf(localPort))));
    }

    @Override
    public void back(TunnelSpec spec, int localPort) {
        events.accept(new WatchEvent(clock.instant(), spec.targetName(), WatchEvent.Type.TUNNEL_BACK, null,
                Messages.get("watch.event.tunnelBack", spec.targetName(), String.valueOf(localPort))));
    }
}
