package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.PortForward;
import app.tether.inventory.SshServer;
import app.tether.ssh.SshSessions;
import app.tether.tunnel.PooledSessionSource;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TunnelSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tether forward NAME LOCAL:HOST:REMOTE...}: like {@code ssh -L}, but the local ports survive reconnects. */
@Command(name = "forward", description = {
    "Forward local ports to a server like ssh -L, reconnecting by itself when the link drops.",
    "LOCAL 0 chooses a free port (the same one next time). Prints \"127.0.0.1:LOCAL -> HOST:REMOTE\" per",
    "forward when ready, then runs until interrupted (Ctrl-C)."})
final class ForwardCommand implements Callable<Integer> {
    private static final Duration READY_WAIT = Duration.ofSeconds(30);

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The server.")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "LOCAL:HOST:REMOTE",
            description = "LOCAL:HOST:REMOTE or LOCAL:REMOTE (HOST 127.0.0.1, as seen from the server).")
    List<String> specs;

    ForwardCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        SshServer target = context.target(name);
        List<TunnelSpec> wanted = new ArrayList<>();
        for (String spec : specs) {
            try {
                wanted.add(TunnelSpec.of(target.name(), PortForward.parse(spec)));
            } catch (IllegalArgumentException e) {
                throw new TetherException(ErrorCode.USAGE, e, "cli.forward.badSpec", spec);
            }
        }
        SshSessions sessions = context.sshSessions();
        sessions.session(target); // fail now, with the reason, if the server cannot be reached
        PortMemory memory = PortMemory.in(context.environment());
        List<StableTunnel> tunnels = new ArrayList<>();
        // In the instance the forwards are the instance's: they outlive this command, and a forward it holds
        // already is found instead of moved to another port.
        var instance = context.instance();
        AutoCloseable all = () -> {
            if (instance.isEmpty()) {
                tunnels.forEach(StableTunnel::close);
            }
        };
        try {
            for (TunnelSpec spec : wanted) {
                tunnels.add(instance.isPresent() ? instance.get().forwards().open(target, spec)
                        : StableTunnel.open(new PooledSessionSource(sessions, target), spec, memory));
            }
            for (StableTunnel tunnel : tunnels) {
                if (!tunnel.awaitConnected(READY_WAIT)) {
                    instance.ifPresent(held -> held.forwards().close(String.valueOf(tunnel.localPort())));
                    throw new TetherException(ErrorCode.CANNOT_CONNECT, "handoff.error.tunnel", target.name(),
                            tunnel.status().describe(Instant.now()));
                }
                context.out().println(Messages.get("cli.forward.ready", String.valueOf(tunnel.localPort()),
                        tunnel.spec().remote()));
            }
            context.out().flush();
            if (instance.isPresent()) {
                context.err().println("tether: " + Messages.get("instance.forward.held", target.name()));
                return 0;
            }
            Foreground.reportChanges(context, tunnels);
            return Foreground.holdUntilStopped(all);
        } finally {
            all.close();
        }
    }
}
