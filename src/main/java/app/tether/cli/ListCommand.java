package app.tether.cli;

import app.tether.core.Messages;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.inventory.TargetSummary;
import app.tether.providers.LiveState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
            JsonOutput.printTree(context.out(), rows.stream().map(TargetSummary::toJson).toList());
            return 0;
        }
        if (rows.isEmpty()) {
            context.out().println(Messages.get("cli.list.empty"));
            return 0;
        }
        Instant now = Instant.now();
        List<List<String>> table = new ArrayList<>();
        table.add(List.of(Messages.get("cli.list.name"), Messages.get("cli.list.kind"), Messages.get("cli.list.state"),
                Messages.get("cli.list.address"), Messages.get("cli.list.price"), Messages.get("cli.list.tags")));
        for (TargetSummary row : rows) {
            String state = row.observedAt() == null ? row.state()
                    : row.state() + " (" + ago(Duration.between(Instant.parse(row.observedAt()), now)) + ")";
            String price = row.pricePerHour() == null ? "-" : "$" + row.pricePerHour().toPlainString();
            table.add(List.of(row.name(), row.kind(), state, row.address(), price, String.join(",", row.tags())));
        }
        print(table);
        return 0;
    }

    /** Columns at least as wide as before (4, 8, 22, 24, 8), wider for longer text; widths in terminal columns. */
    private void print(List<List<String>> table) {
        int[] widths = {4, 8, 22, 24, 8};
        for (List<String> line : table) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], DisplayWidth.of(line.get(c)));
            }
        }
        for (List<String> line : table) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                text.append(DisplayWidth.pad(line.get(c), widths[c])).append("  ");
            }
            context.out().println(text.append(line.get(widths.length)).toString().stripTrailing());
        }
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
