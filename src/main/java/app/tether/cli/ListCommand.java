package app.tether.cli;

import app.tether.core.Messages;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.inventory.TargetSummary;
import app.tether.providers.LiveState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tether list}: every target with its kind and the state last observed (by status, refresh or an action). */
@Command(name = "list", description = {"List every server and workspace with the state last observed",
    "(by 'tether status', an action or the window's refresh) and how long ago, tags and price per hour."})
final class ListCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--json", description = "Print a JSON array of {name, kind, state, stage, hardware, pricePerHour,"
            + " observedAt, ...}.")
    boolean json;

    ListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Target> targets = context.store().load().targets();
        Map<String, LiveState> known = context.stateCache().all();
        List<TargetSummary> rows = targets.stream().map(t -> summary(t, known.get(t.name()))).toList();
        if (json) {
            JsonOutput.print(context.out(), rows);
            return 0;
        }
        if (rows.isEmpty()) {
            context.out().println(Messages.get("cli.list.empty"));
            return 0;
        }
        int width = Math.max(4, rows.stream().mapToInt(r -> r.name().length()).max().orElse(4));
        String format = "%-" + width + "s  %-8s  %-22s  %-24s  %-8s  %s%n";
        context.out().printf(format, Messages.get("cli.list.name"), Messages.get("cli.list.kind"),
                Messages.get("cli.list.state"), Messages.get("cli.list.address"), Messages.get("cli.list.price"),
                Messages.get("cli.list.tags"));
        Instant now = Instant.now();
        for (TargetSummary row : rows) {
            String state = row.observedAt() == null ? row.state()
                    : row.state() + " (" + ago(Duration.between(Instant.parse(row.observedAt()), now)) + ")";
            String price = row.pricePerHour() == null ? "-" : "$" + row.pricePerHour().toPlainString();
            context.out().printf(format, row.name(), row.kind(), state, row.address(), price,
                    String.join(",", row.tags()));
        }
        return 0;
    }

    private static TargetSummary summary(Target target, LiveState state) {
        if (state == null) {
            return TargetSummary.of(target, TargetState.UNKNOWN);
        }
        return TargetSummary.of(target, state.state(), state.stage(), state.hardware(), state.pricePerHour(),
                state.observedAt());
    }

    /** "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
    static String ago(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return Messages.get("cli.list.agoSeconds", seconds);
        }
        if (seconds < 3600) {
            return Messages.get("cli.list.agoMinutes", seconds / 60);
        }
        if (seconds < 86_400) {
            return Messages.get("cli.list.agoHours", seconds / 3600);
        }
        return Messages.get("cli.list.agoDays", seconds / 86_400);
    }
}
