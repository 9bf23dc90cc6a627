package app.tether.cli;

import app.tether.core.Messages;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.inventory.TargetJson;
import app.tether.inventory.TargetState;
import app.tether.inventory.TargetSummary;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether show NAME}: everything stored about one target. */
@Command(name = "show", description = "Show one server or workspace.")
final class ShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    ShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Target target = context.store().load().require(name);
        if (json) {
            Map<String, Object> node = TargetJson.write(target);
            node.put("state", TargetState.UNKNOWN.id());
            JsonOutput.printTree(context.out(), node);
            return 0;
        }
        TargetSummary summary = TargetSummary.of(target, TargetState.UNKNOWN);
        line("cli.show.name", target.name());
        line("cli.show.kind", Messages.get(target.kind().messageKey()));
        line("cli.show.address", summary.address());
        if (target instanceof SshServer server) {
            if (server.jumpHost() != null) {
                line("cli.show.jump", server.jumpHost());
            }
            if (server.identityFile() != null) {
                line("cli.show.identity", server.identityFile());
            }
            line("cli.show.jupyterPort", server.jupyter().portOrDefault());
            server.forwards().forEach(f -> line("cli.show.forward", f.spec()));
        }
        if (!target.tags().isEmpty()) {
            line("cli.show.tags", String.join(", ", target.tags()));
        }
        if (target.price() != null) {
            line("cli.show.price", target.price());
        }
        if (!target.notes().isBlank()) {
            line("cli.show.notes", target.notes());
        }
        return 0;
    }

    private void line(String key, Object value) {
        context.out().println(Messages.get(key) + ": " + value);
    }
}
