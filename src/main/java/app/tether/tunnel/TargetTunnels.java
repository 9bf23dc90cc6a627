package app.tether.tunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The open tunnels of one target: its Jupyter forward and its extra forwards (TensorBoard, Gradio, ...).
 * An extra forward that could not listen (port taken) is listed in {@link #problems()} instead.
 */
public final class TargetTunnels implements AutoCloseable {
    private final String targetName;
    private final StableTunnel jupyter;
    private final List<StableTunnel> extras;
    private final Map<TunnelSpec, String> problems;

    TargetTunnels(String targetName, StableTunnel jupyter, List<StableTunnel> extras, Map<TunnelSpec, String> problems) {
        this.targetName = targetName;
        this.jupyter = jupyter;
        this.extras = List.copyOf(extras);
        this.problems = Map.copyOf(problems);
    }

    public String targetName() {
        return targetName;
    }

    /** The forward to the target's Jupyter server. */
    public StableTunnel jupyter() {
        return jupyter;
    }

    public List<StableTunnel> extras() {
        return extras;
    }

    /** Jupyter first, then the extras. */
    public List<StableTunnel> all() {
        List<StableTunnel> all = new ArrayList<>();
        all.add(jupyter);
        all.addAll(extras);
        return all;
    }

    /** Extra forwards that could not be opened, with the reason in the user's language. */
    public Map<TunnelSpec, String> problems() {
        return problems;
    }

    @Override
    public void close() {
        all().forEach(StableTunnel::close);
    }
}
