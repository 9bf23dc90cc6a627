package app.tether.cli;

import app.tether.core.Messages;
import app.tether.inventory.SshConfigImport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tether import-ssh-config}: adds every concrete Host alias of ~/.ssh/config not yet present. */
@Command(name = "import-ssh-config", description = "Add every Host alias of ~/.ssh/config not yet in the list (Tether's own tether-... blocks are skipped).")
final class ImportSshConfigCommand implements Callable<Integer> {
    private final CliContext context;

    ImportSshConfigCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var aliases = context.sshConfig().importableAliases();
        SshConfigImport.Result[] result = new SshConfigImport.Result[1];
        context.store().update(inventory -> {
            result[0] = SshConfigImport.apply(inventory, aliases);
            return result[0].inventory();
        });
        for (String added : result[0].added()) {
            context.out().println(Messages.get("cli.import.added", added));
        }
        context.out().println(Messages.get("cli.import.summary", result[0].added().size(), result[0].skipped().size()));
        return 0;
    }
}
