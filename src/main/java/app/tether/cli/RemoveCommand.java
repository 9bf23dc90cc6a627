package app.tether.cli;

import app.tether.core.Messages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tether remove NAME}: removes a target from the inventory (nothing on the server changes). */
@Command(name = "remove", description = "Remove a server or workspace from the list.")
final class RemoveCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    RemoveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String removed = context.store().load().require(name).name();
        context.store().update(inventory -> inventory.remove(name));
        context.out().println(Messages.get("cli.remove.done", removed));
        return 0;
    }
}
