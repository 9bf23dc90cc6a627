package app.tether.ui;

import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.inventory.TargetSummary;
import app.tether.jupyter.JupyterStatus;
import app.tether.probe.ServerStatus;
import app.tether.providers.LiveState;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the target list: the target as stored plus what Tether last learned about it. */
public final class TargetItem {
    private final ObjectProperty<Target> target;
    private final ObjectProperty<TargetState> state = new SimpleObjectProperty<>(TargetState.UNKNOWN);
    /** A one-line GPU summary such as "2× A100 · 37 %"; null until a probe reported one. */
    private final StringProperty gpuSummary = new SimpleStringProperty();
    /** The latest probe result; null until the first one arrives. */
    private final ObjectProperty<ServerStatus> status = new SimpleObjectProperty<>();
    /** Jupyter on the server as last asked; null until asked. */
    private final ObjectProperty<JupyterStatus> jupyter = new SimpleObjectProperty<>();
    /** The local notebook address once a tunnel is open; null before. */
    private final StringProperty notebookUrl = new SimpleStringProperty();
    /** What the target's provider last reported (stage, hardware, $/h, message); null until it reported. */
    private final ObjectProperty<LiveState> live = new SimpleObjectProperty<>();

    public TargetItem(Target target) {
        this.target = new SimpleObjectProperty<>(target);
    }

    public Target target() {
        return target.get();
    }

    public ObjectProperty<Target> targetProperty() {
        return target;
    }

    public String name() {
        return target.get().name();
    }

    public String address() {
        return TargetSummary.address(target.get());
    }

    public TargetState state() {
        return state.get();
    }

    public ObjectProperty<TargetState> stateProperty() {
        return state;
    }

    public StringProperty gpuSummaryProperty() {
        return gpuSummary;
    }

    public ObjectProperty<JupyterStatus> jupyterProperty() {
        return jupyter;
    }

    public StringProperty notebookUrlProperty() {
        return notebookUrl;
    }

    public ObjectProperty<ServerStatus> statusProperty() {
        return status;
    }

    public ObjectProperty<LiveState> liveProperty() {
        return live;
    }

    /** The provider's last report, or just the state the SSH probe found when there is none. */
    public LiveState liveState() {
        LiveState reported = live.get();
        return reported != null ? reported : LiveState.of(state.get());
    }

    /** Shows a provider's report: the badge, stage, hardware and price follow it. */
    public void applyLive(LiveState newLive) {
        live.set(newLive);
        state.set(newLive.state());
    }

    /** Shows a probe result: the state badge, the GPU line and the detail pane follow it. */
    public void apply(ServerStatus newStatus) {
        status.set(newStatus);
        state.set(GpuSummary.state(newStatus.reachability()));
        gpuSummary.set(GpuSummary.line(newStatus));
    }
}
