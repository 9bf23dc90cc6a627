package app.tether.ui;

import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TargetTunnels;
import app.tether.tunnel.TunnelService;
import java.time.Instant;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The "Open tunnels" list: each target with tunnels, their ports and state, and closing a target's tunnels. */
public final class TunnelsViewModel {
    /** One local port forwarded to the target, as shown. */
    public record Forward(int localPort, String remote, String state, int connections) {
    }

    /** A target's tunnels (Jupyter first). */
    public record Row(String target, List<Forward> forwards) {
    }

    private final TunnelService tunnels;
    private final FxExecutors executors;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    public TunnelsViewModel(TunnelService tunnels, FxExecutors executors) {
        this.tunnels = tunnels;
        this.executors = executors;
    }

    /** Reads the open tunnels again (off the FX thread). */
    public void refresh() {
        executors.supply(this::read).thenAccept(rows::setAll);
    }

    /** Closes every tunnel of {@code target} (waits for its connections to end, so off the FX thread). */
    public void close(String target) {
        executors.run(() -> tunnels.close(target)).thenRun(this::refresh);
    }

    private List<Row> read() {
        Instant now = Instant.now();
        return tunnels.openTunnels().stream().map(target -> row(target, now)).toList();
    }

    private static Row row(TargetTunnels target, Instant now) {
        return new Row(target.targetName(), target.all().stream().map(tunnel -> forward(tunnel, now)).toList());
    }

    private static Forward forward(StableTunnel tunnel, Instant now) {
        return new Forward(tunnel.localPort(), tunnel.spec().remote(), tunnel.status().describe(now),
                tunnel.activeConnections());
    }

    public ObservableList<Row> rows() {
        return rows;
    }
}
