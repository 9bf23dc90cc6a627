package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.GceInstance;
import app.tether.inventory.HourlyPrice;
import app.tether.inventory.PreemptionRestart;
import app.tether.providers.gce.GceApi;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether add gce NAME --instance I --zone Z [--project P]}: adds an existing VM to the list (checked first). */
@Command(name = "gce", description = "Add a Google Compute Engine VM that already exists.")
final class AddGceCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "Unique name (any text).")
    String name;

    @Option(names = "--instance", required = true, description = "The VM's name in Google Cloud.")
    String instance;

    @Option(names = "--zone", required = true, description = "Its zone, e.g. us-central1-a.")
    String zone;

    @Option(names = "--project", description = "Project id (default: gcloud's, see the README).")
    String project;

    @Option(names = "--user", description = "Login on the VM (default: your local user name, as gcloud).")
    String user;

    @Option(names = "--price", description = "Your own hourly price, e.g. 'USD 0.35' (default: Tether's table).")
    String price;

    @Option(names = "--restart-after-preemption", paramLabel = "off|ask|automatic",
            description = "What to do when the Spot VM is preempted (default: off).")
    String restart;

    @Option(names = "--tags", description = "Comma-separated tags.")
    String tags;

    @Option(names = "--notes", description = "Free text notes.")
    String notes;

    AddGceCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (context.store().load().contains(name)) {
            throw new TetherException(ErrorCode.DUPLICATE, "error.target.duplicate", name);
        }
        HourlyPrice hourly = null;
        if (price != null) {
            try {
                hourly = HourlyPrice.parse(price);
            } catch (IllegalArgumentException e) {
                throw new TetherException(ErrorCode.USAGE, "gce.cli.add.badPrice", price);
            }
        }
        PreemptionRestart policy = null;
        if (restart != null) {
            try {
                policy = PreemptionRestart.parse(restart);
            } catch (IllegalArgumentException e) {
                throw new TetherException(ErrorCode.USAGE, "gce.cli.add.badRestart", restart);
            }
        }
        GceApi api = new GceApi(context.environment());
        String resolved = api.defaultProject(project);
        api.instance(resolved, zone, instance); // NOT_FOUND with Google's message when it does not exist
        List<String> tagList = tags == null ? List.of()
                : Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        GceInstance target = new GceInstance(name, resolved, zone, instance, tagList, notes, hourly, user, policy);
        context.store().update(inventory -> inventory.add(target));
        context.out().println(Messages.get("cli.add.done", name));
        return 0;
    }
}
