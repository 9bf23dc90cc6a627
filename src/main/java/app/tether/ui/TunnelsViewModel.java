package app.tether.ui;

import app.tether.instance.HeldForwards;
import app.tether.tunnel.ChangeListeners;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TargetTunnels;
import app.tether.tunnel.TunnelService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Open tunnels" list: every tunnel the window's process holds, the window's own (Jupyter and extras) and
 * the forwards its instance holds for the CLI ({@code tether forward}), grouped by target, with their ports and
 * state; closing a target closes both kinds. While {@link #follow() followed} it reads again after every change,
 * so a {@code tether tunnels close} shows here at once.
 */
public final class TunnelsViewModel {
    /** One local port forwarded to the target, as shown. */
    public record Forward(int localPort, String remote, String state, int connections) {
    }

    /** A target's tunnels (Jupyter first, then extras, then the CLI's forwards). */
    public record Row(String target, List<Forward> forwards) {
    }

    /** Following changes until closed; closing never fails. */
    public interface Following extends AutoCloseable {
        @Override
        void close();
    }

    private final TunnelService tunnels;
    private final HeldForwards held;
    private final FxExecutors executors;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    public TunnelsViewModel(TunnelService tunnels, HeldForwards held, FxExecutors executors) {
        this.tunnels = tunnels;
        this.held = held;
        this.executors = executors;
    }

    /** Reads the open tunnels again (off the FX thread); may be called from any thread. */
    public void refresh() {
        // Async on the FX executor: a future already complete would run a plain thenAccept on the calling thread.
        executors.supply(this::read).thenAcceptAsync(rows::setAll, executors.fx());
    }

    /** Reads again whenever a tunnel is opened or closed, by the window or a CLI client, until closed. */
    public Following follow() {
        ChangeListeners.Subscription window = tunnels.onChange(this::refresh);
        ChangeListeners.Subscription cli = held.onChange(this::refresh);
        return () -> {
            window.close();
            cli.close();
        };
    }

    /**
     * Closes every tunnel of {@code target} (waits for its connections to end, so off the FX thread); completes on
     * the FX thread once closed and read again, or failed.
     */
    public CompletableFuture<Void> close(String target) {
        CompletableFuture<Void> closed = executors.run(() -> {
            tunnels.close(target);
            held.closeTarget(target);
        });
        closed.thenRun(this::refresh);
        return closed.handleAsync((done, failure) -> null, executors.fx());
    }

    private List<Row> read() {
        Instant now = Instant.now();
        Map<String, List<Forward>> byTarget = new LinkedHashMap<>();
        for (TargetTunnels target : tunnels.openTunnels()) {
            target.all().forEach(tunnel -> add(byTarget, tunnel, now));
        }
        held.all().forEach(tunnel -> add(byTarget, tunnel, now));
        return byTarget.entrySet().stream().map(entry -> new Row(entry.getKey(), List.copyOf(entry.getValue())))
                .toList();
    }

    private static void add(Map<String, List<Forward>> byTarget, StableTunnel tunnel, Instant now) {
        byTarget.computeIfAbsent(tunnel.spec().targetName(), name -> new ArrayList<>()).add(new Forward(
                tunnel.localPort(), tunnel.spec().remote(), tunnel.status().describe(now), tunnel.activeConnections()));
    }

    public ObservableList<Row> rows() {
        return rows;
    }
}
