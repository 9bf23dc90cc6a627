package app.tether.instance;

import app.tether.core.Environment;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.TunnelService;
import app.tether.workflow.Lifecycle;
import java.util.Optional;

/**
 * What the instance shares with every command it runs: one SSH session per target, the tunnels (Jupyter ones
 * from {@code open}, extra ones from {@code forward}), the HTTP forwarders of cloud workspaces, and where SSH
 * questions go. In the window's process these are the window's own, so {@code open} answers with the tunnel the
 * window already holds. {@code lifecycle} (the providers over these sessions) is the instance's own, for its
 * watchers; a client's command makes its own from the client's environment (its tokens, its endpoints).
 */
public record InstanceServices(Environment environment, SshSessions sessions, TunnelService tunnels,
        HttpForwards httpForwards, HeldForwards forwards, PromptRouter prompts, Lifecycle lifecycle,
        Runnable showWindow) {

    /** Brings the window to the front; empty in a headless instance. */
    public Optional<Runnable> window() {
        return Optional.ofNullable(showWindow);
    }
}
