package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.instance.InstanceServices;
import app.tether.tunnel.StableTunnel;
import app.tether.tunnel.TargetTunnels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether tunnels [--json]} and {@code tether tunnels close NAME|PORT}: the tunnels the instance holds. */
@Command(name = "tunnels", description = {
    "List the tunnels the background Tether instance holds (the window's and those of 'open' and 'forward'):",
    "target, local port, remote end, connections, state. Exit 1 when no instance runs."},
        subcommands = TunnelsCommand.Close.class)
final class TunnelsCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--json", description = "Print a JSON array of {target, kind, localPort, remote, connections,"
            + " state}.")
    boolean json;

    TunnelsCommand(CliContext context) {
        this.context = context;
    }

    /** One tunnel as listed. */
    record Row(String target, String kind, int localPort, String remote, int connections, String state) {
    }

    @Override
    public Integer call() {
        InstanceServices instance = instance(context);
        List<Row> rows = rows(instance);
        if (json) {
            JsonOutput.print(context.out(), rows);
            return 0;
        }
        if (rows.isEmpty()) {
            context.out().println(Messages.get("instance.tunnels.empty"));
            return 0;
        }
        int width = Math.max(6, rows.stream().mapToInt(r -> r.target().length()).max().orElse(6));
        String format = "%-" + width + "s  %-7s  %-15s  %-21s  %5s  %s%n";
        context.out().printf(format, Messages.get("instance.tunnels.target"), Messages.get("instance.tunnels.kind"),
                Messages.get("instance.tunnels.local"), Messages.get("instance.tunnels.remote"),
                Messages.get("instance.tunnels.connections"), Messages.get("instance.tunnels.state"));
        for (Row row : rows) {
            context.out().printf(format, row.target(), row.kind(), "127.0.0.1:" + row.localPort(), row.remote(),
                    row.connections(), row.state());
        }
        return 0;
    }

    static List<Row> rows(InstanceServices instance) {
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>();
        for (TargetTunnels target : instance.tunnels().openTunnels()) {
            rows.add(row(target.jupyter(), "jupyter", now));
            target.extras().forEach(extra -> rows.add(row(extra, "extra", now)));
        }
        instance.forwards().all().forEach(forward -> rows.add(row(forward, "forward", now)));
        return rows;
    }

    private static Row row(StableTunnel tunnel, String kind, Instant now) {
        return new Row(tunnel.spec().targetName(), kind, tunnel.localPort(), tunnel.spec().remote(),
                tunnel.activeConnections(), tunnel.status().describe(now));
    }

    /** The instance this command runs in; without one, "none is running" (exit 1). */
    static InstanceServices instance(CliContext context) {
        return context.instance().orElseThrow(() -> new TetherException(ErrorCode.FAILURE, "instance.none"));
    }

    /** {@code tether tunnels close NAME|PORT}: closes the target's tunnels, or the one on that local port. */
    @Command(name = "close", description = "Close the tunnels of a target (by name) or the tunnel on a local port.")
    static final class Close implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME|PORT", description = "A target's name or a local port.")
        String which;

        Close(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            InstanceServices instance = instance(context);
            int closed = instance.forwards().close(which);
            for (TargetTunnels target : instance.tunnels().openTunnels()) {
                boolean byPort = target.all().stream().anyMatch(t -> String.valueOf(t.localPort()).equals(which));
                if (target.targetName().equals(which) || byPort) {
                    closed += target.all().size();
                    instance.tunnels().close(target.targetName());
                    instance.httpForwards().close(target.targetName());
                }
            }
            if (target(instance, which)) {
                closed++;
            }
            if (closed == 0) {
                throw new TetherException(ErrorCode.NOT_FOUND, "instance.tunnels.noSuch", which);
            }
            context.out().println(Messages.get("instance.tunnels.closed", String.valueOf(closed), which));
            return 0;
        }

        /** A cloud workspace's HTTP forwarder, closed by its target's name. */
        private static boolean target(InstanceServices instance, String which) {
            if (instance.httpForwards().forwarder(which).isEmpty()) {
                return false;
            }
            instance.httpForwards().close(which);
            return true;
        }
    }
}
