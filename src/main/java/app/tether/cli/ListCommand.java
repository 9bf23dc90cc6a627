package app.tether.cli;

import app.tether.core.Messages;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.inventory.TargetSummary;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tether list}: every target with its kind and last known state. */
@Command(name = "list", description = "List every server and workspace.")
final class ListCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--json", description = "Print a JSON array of {name, kind, state, ...}.")
    boolean json;

    ListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Target> targets = context.store().load().targets();
        List<TargetSummary> rows = targets.stream().map(t -> TargetSummary.of(t, TargetState.UNKNOWN)).toList();
        if (json) {
            JsonOutput.print(context.out(), rows);
            return 0;
        }
        if (rows.isEmpty()) {
            context.out().println(Messages.get("cli.list.empty"));
            return 0;
        }
        int width = Math.max(4, rows.stream().mapToInt(r -> r.name().length()).max().orElse(4));
        String format = "%-" + width + "s  %-8s  %-10s  %s%n";
        context.out().printf(format, Messages.get("cli.list.name"), Messages.get("cli.list.kind"),
                Messages.get("cli.list.state"), Messages.get("cli.list.address"));
        for (TargetSummary row : rows) {
            context.out().printf(format, row.name(), row.kind(), row.state(), row.address());
        }
        return 0;
    }
}
