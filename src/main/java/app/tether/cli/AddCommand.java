package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.inventory.SshServerDraft;
import app.tether.inventory.SshServerValidator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether add <kind> ...}: adds a target to the inventory. */
@Command(name = "add", description = "Add a server or workspace.",
        subcommands = {AddCommand.Ssh.class, AddCommand.Hf.class, AddGceCommand.class, AddCnbCommand.class})
final class AddCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), Messages.get("cli.add.kindMissing"));
    }

    /** {@code tether add ssh NAME (--ssh-alias ALIAS | --host HOST ...)}. */
    @Command(name = "ssh", description = "Add an SSH server, by ~/.ssh/config alias or by host.")
    static final class Ssh implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "Unique name (any text).")
        String name;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Address address;

        @Option(names = "--tags", description = "Comma-separated tags.")
        String tags;

        @Option(names = "--notes", description = "Free text notes.")
        String notes;

        @Option(names = "--price", description = "Hourly price, e.g. 'USD 1.20'.")
        String price;

        Ssh(CliContext context) {
            this.context = context;
        }

        /** Either an alias or a host with its connection settings. */
        static final class Address {
            @Option(names = "--ssh-alias", required = true, description = "A Host alias from ~/.ssh/config.")
            String alias;

            @ArgGroup(exclusive = false)
            Direct direct;
        }

        /** Host and the settings that go with it. */
        static final class Direct {
            @Option(names = "--host", required = true, description = "Host name or address.")
            String host;
            @Option(names = "--user", description = "Remote user.")
            String user;
            @Option(names = "--port", description = "SSH port (1-65535).")
            String port;
            @Option(names = "--identity", description = "Private key file.")
            String identity;
            @Option(names = "--jump", description = "Jump host, as for ssh -J.")
            String jump;
        }

        @Override
        public Integer call() {
            Direct direct = address.direct;
            SshServerDraft draft = new SshServerDraft(name, address.alias,
                    direct == null ? null : direct.host, direct == null ? null : direct.user,
                    direct == null ? null : direct.port, direct == null ? null : direct.identity,
                    direct == null ? null : direct.jump, tags, notes, price);
            var aliases = address.alias == null ? java.util.List.<String>of() : context.sshConfig().aliases();
            var inventory = context.store().load();
            Map<SshServerValidator.Field, String> errors = new SshServerValidator(inventory, aliases,
                    context.environment().userHome()).validate(draft, null);
            if (!errors.isEmpty()) {
                var first = errors.entrySet().iterator().next();
                // A value the command line gave that cannot be used is a usage error (exit 2), as the README says.
                throw new TetherException(ErrorCode.USAGE, "cli.add.invalid", Messages.get(first.getValue()), fieldValue(draft,
                        first.getKey()));
            }
            SshServer server = draft.toServer(null);
            context.store().update(inv -> inv.add(server));
            context.out().println(Messages.get("cli.add.done", server.name()));
            return 0;
        }

        private static String fieldValue(SshServerDraft draft, SshServerValidator.Field field) {
            String value = switch (field) {
                case NAME -> draft.name();
                case ALIAS -> draft.sshAlias();
                case HOST -> draft.host();
                case USER -> draft.user();
                case PORT -> draft.port();
                case IDENTITY -> draft.identityFile();
                case JUMP -> draft.jumpHost();
                case PRICE -> draft.price();
            };
            return value == null ? "" : value;
        }
    }

    /** {@code tether add hf NAME --space OWNER/SPACE}: a Space checked on the Hub first. */
    @Command(name = "hf", description = "Add a Hugging Face Space (checked on the Hub with your token).")
    static final class Hf implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "Unique name (any text).")
        String name;

        @Option(names = "--space", required = true, paramLabel = "OWNER/SPACE", description = "The Space's id.")
        String space;

        @Option(names = "--tags", description = "Comma-separated tags.")
        String tags;

        @Option(names = "--notes", description = "Free text notes.")
        String notes;

        Hf(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            String id = app.tether.providers.hf.HfSpaces.checkSpaceId(space);
            if (name == null || name.isBlank()) {
                throw new TetherException(ErrorCode.USAGE, "cli.add.invalid", Messages.get("validation.name.empty"), "");
            }
            if (context.store().load().contains(name)) {
                throw new TetherException(ErrorCode.DUPLICATE, "cli.add.invalid",
                        Messages.get("validation.name.duplicate"), name);
            }
            var provider = new app.tether.providers.hf.HfProvider(context.environment());
            var runtime = provider.api().space(id).path("runtime");
            var target = new app.tether.inventory.HfSpace(name.strip(), id,
                    runtime.path("hardware").path("requested").asText(null), tagList(tags), notes, null);
            context.store().update(inv -> inv.add(target));
            context.stateCache().record(target.name(), provider.liveState(runtime));
            context.out().println(Messages.get("hf.add.done", target.name(), id));
            return 0;
        }

        private static java.util.List<String> tagList(String text) {
            return text == null ? java.util.List.of() : java.util.Arrays.stream(text.split(","))
                    .map(String::strip).filter(t -> !t.isEmpty()).toList();
        }
    }
}
