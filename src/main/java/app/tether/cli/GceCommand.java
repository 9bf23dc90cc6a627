package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.GceInstance;
import app.tether.inventory.Inventory;
import app.tether.inventory.Target;
import app.tether.providers.gce.GceApi;
import app.tether.providers.gce.GceInsertBody;
import com.google.api.services.compute.model.Image;
import com.google.api.services.compute.model.Instance;
import java.io.Console;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tether gce import|create|delete}: Google Compute Engine VMs. */
@Command(name = "gce", description = "Google Compute Engine VMs: import, create, delete, set.",
        subcommands = {GceCommand.Import.class, GceCommand.Create.class, GceCommand.Delete.class, GceCommand.Set.class})
final class GceCommand implements Runnable {
    private static final Pattern INSTANCE_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), Messages.get("gce.cli.subcommandMissing"));
    }

    static Progress progress(CliContext context) {
        return new Progress() {
            @Override
            public void step(int index, int total, String text) {
                context.err().println(Messages.get("cli.open.step", index + 1, total, text));
                context.err().flush();
            }

            @Override
            public void line(String text) {
                context.err().println(text);
                context.err().flush();
            }
        };
    }

    /** {@code tether gce import [--project P] [--zone Z]}. */
    @Command(name = "import", description = "Add the project's VMs (every zone, or one) that are not in the list yet.")
    static final class Import implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--project", description = "Project id (default: gcloud's, see the README).")
        String project;

        @Option(names = "--zone", description = "Only this zone.")
        String zone;

        Import(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            GceApi api = new GceApi(context.environment());
            String resolved = api.defaultProject(project);
            List<Instance> instances = api.allInstances(resolved);
            List<GceInstance> added = new ArrayList<>();
            int present = 0;
            Inventory inventory = context.store().load();
            for (Instance instance : instances) {
                String instanceZone = instance.getZone().substring(instance.getZone().lastIndexOf('/') + 1);
                if (zone != null && !zone.equals(instanceZone)) {
                    continue;
                }
                if (known(inventory, resolved, instanceZone, instance.getName())) {
                    present++;
                    continue;
                }
                String name = freeName(inventory, instance.getName(), instanceZone);
                GceInstance target = new GceInstance(name, resolved, instanceZone, instance.getName(), List.of(), "",
                        null);
                inventory = inventory.add(target);
                added.add(target);
            }
            if (!added.isEmpty()) {
                context.store().update(current -> {
                    Inventory next = current;
                    for (GceInstance target : added) {
                        if (!current.contains(target.name())) {
                            next = next.add(target);
                        }
                    }
                    return next;
                });
            }
            for (GceInstance target : added) {
                context.out().println(Messages.get("gce.cli.import.added", target.name(), resolved + "/"
                        + target.zone() + "/" + target.instance()));
            }
            context.out().println(Messages.get("gce.cli.import.summary", added.size(), present, resolved));
            return 0;
        }

        private static boolean known(Inventory inventory, String project, String zone, String instance) {
            for (Target target : inventory.targets()) {
                if (target instanceof GceInstance g && g.project().equals(project) && g.zone().equals(zone)
                        && g.instance().equals(instance)) {
                    return true;
                }
            }
            return false;
        }

        /** The instance name, or "name (zone)" when another target already has it. */
        private static String freeName(Inventory inventory, String instance, String zone) {
            if (!inventory.contains(instance)) {
                return instance;
            }
            String withZone = instance + " (" + zone + ")";
            String name = withZone;
            for (int n = 2; inventory.contains(name); n++) {
                name = withZone + " " + n;
            }
            return name;
        }
    }

    /** {@code tether gce create NAME --zone Z --machine-type T ...}. */
    @Command(name = "create", description = {
        "Create a VM (Spot by default) from a Deep Learning VM image family, wait for it, and add it to the list.",
        "Spot: termination action STOP unless --termination-action delete; onHostMaintenance TERMINATE;",
        "metadata install-nvidia-driver=True."})
    static final class Create implements Callable<Integer> {
        private static final Pattern GPU = Pattern.compile("([a-z0-9-]+)(?::([0-9]+))?");
        private static final Pattern DURATION = Pattern.compile("([0-9]+)([smhd])");

        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "Name in Tether's list (also the VM name"
                + " unless --instance).")
        String name;

        @Option(names = "--instance", description = "VM name in Google Cloud (default: NAME).")
        String instance;

        @Option(names = "--project", description = "Project id (default: gcloud's).")
        String project;

        @Option(names = "--zone", required = true, description = "Zone, e.g. us-central1-a.")
        String zone;

        @Option(names = "--machine-type", required = true, description = "e.g. g2-standard-8, n1-standard-8.")
        String machineType;

        @Option(names = "--gpu", paramLabel = "TYPE:COUNT", description = "e.g. nvidia-tesla-t4:1 (G2/A2/A3 bring"
                + " their own GPUs).")
        String gpu;

        @Option(names = "--image-family", description = "Default: ${DEFAULT-VALUE}.",
                defaultValue = "common-cu128-ubuntu-2204-nvidia-570")
        String imageFamily;

        @Option(names = "--image-project", description = "Default: ${DEFAULT-VALUE}.",
                defaultValue = "deeplearning-platform-release")
        String imageProject;

        @Option(names = "--disk-gb", description = "Boot disk size in GB (default: ${DEFAULT-VALUE}).",
                defaultValue = "150")
        long diskGb;

        @Option(names = "--spot", description = "Spot VM (the default).")
        boolean spot;

        @Option(names = "--standard", description = "Standard (on-demand) VM.")
        boolean standard;

        @Option(names = "--termination-action", paramLabel = "stop|delete",
                description = "What Google does to a preempted Spot VM (default: stop).")
        String terminationAction;

        @Option(names = "--max-run-duration", paramLabel = "DURATION", description = "e.g. 8h, 90m: Google stops"
                + " (or deletes) the VM after that long.")
        String maxRunDuration;

        @Option(names = "--wait", description = "Also wait until the VM's SSH port answers.")
        boolean waitForSsh;

        Create(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            String vm = instance != null ? instance : name;
            if (!INSTANCE_NAME.matcher(vm).matches()) {
                throw new TetherException(ErrorCode.USAGE, "gce.cli.create.badInstanceName", vm);
            }
            if (spot && standard) {
                throw new TetherException(ErrorCode.USAGE, "gce.cli.create.spotAndStandard");
            }
            if (diskGb < 10 || diskGb > 65536) {
                throw new TetherException(ErrorCode.USAGE, "gce.cli.create.badDisk", String.valueOf(diskGb));
            }
            String gpuType = null;
            int gpuCount = 0;
            if (gpu != null) {
                Matcher m = GPU.matcher(gpu.strip().toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    throw new TetherException(ErrorCode.USAGE, "gce.cli.create.badGpu", gpu);
                }
                gpuType = m.group(1);
                gpuCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                if (gpuCount < 1 || gpuCount > 16) {
                    throw new TetherException(ErrorCode.USAGE, "gce.cli.create.badGpu", gpu);
                }
            }
            String action = null;
            if (terminationAction != null) {
                action = terminationAction.strip().toUpperCase(Locale.ROOT);
                if (!action.equals("STOP") && !action.equals("DELETE")) {
                    throw new TetherException(ErrorCode.USAGE, "gce.cli.create.badTermination", terminationAction);
                }
            }
            Duration maxRun = maxRunDuration == null ? null : duration(maxRunDuration);
            if (context.store().load().contains(name)) {
                throw new TetherException(ErrorCode.DUPLICATE, "error.target.duplicate", name);
            }
            GceApi api = new GceApi(context.environment());
            String resolved = api.defaultProject(project);
            Progress progress = progress(context);
            Image image = api.imageFromFamily(imageProject, imageFamily);
            progress.line(Messages.get("gce.cli.create.image", image.getName(), imageFamily,
                    image.getDeprecated() == null ? "-" : String.valueOf(image.getDeprecated().getState())));
            String sourceImage = "projects/" + imageProject + "/global/images/family/" + imageFamily;
            GceInsertBody body = new GceInsertBody(vm, zone, machineType, gpuType, gpuCount, sourceImage, diskGb,
                    !standard, action, maxRun);
            api.insert(resolved, zone, body.toInstance(), progress);
            GceInstance target = new GceInstance(name, resolved, zone, vm, List.of(), "", null);
            context.store().update(inventory -> inventory.add(target));
            context.out().println(Messages.get("gce.cli.create.done", name, resolved + "/" + zone + "/" + vm));
            if (waitForSsh) {
                awaitSsh(api, resolved, vm, progress);
            }
            return 0;
        }

        private void awaitSsh(GceApi api, String resolved, String vm, Progress progress) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() - deadline < 0) {
                Instance now = api.instance(resolved, zone, vm);
                String address = "RUNNING".equals(now.getStatus()) ? natIp(now) : null;
                if (address != null && answers(address)) {
                    context.out().println(Messages.get("gce.cli.create.sshReady", name, address));
                    return;
                }
                progress.line(Messages.get("gce.cli.create.sshWaiting", name));
                Thread.sleep(3000);
            }
            throw new TetherException(ErrorCode.CANNOT_CONNECT, "gce.cli.create.sshTimeout", name);
        }

        private static String natIp(Instance instance) {
            if (instance.getNetworkInterfaces() == null) {
                return null;
            }
            for (var nic : instance.getNetworkInterfaces()) {
                if (nic.getAccessConfigs() != null) {
                    for (var access : nic.getAccessConfigs()) {
                        if (access.getNatIP() != null) {
                            return access.getNatIP();
                        }
                    }
                }
            }
            return null;
        }

        private int sshPort() {
            String port = context.environment().variable("TETHER_GCE_SSH_PORT");
            return port == null ? 22 : Integer.parseInt(port.strip());
        }

        private boolean answers(String address) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, sshPort()), 3000);
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        }

        static Duration duration(String text) {
            Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new TetherException(ErrorCode.USAGE, "gce.cli.create.badDuration", text);
            }
            long value = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(value);
                case "m" -> Duration.ofMinutes(value);
                case "h" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
        }
    }

    /** {@code tether gce delete NAME [--yes]}: deletes the VM and its boot disk, after asking. */
    @Command(name = "delete", description = "Delete a VM in Google Cloud (and its boot disk) and remove it from the"
            + " list. Asks first; without a terminal only --yes deletes.")
    static final class Delete implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "The VM, by its name in the list.")
        String name;

        @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
        boolean yes;

        Delete(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            Target found = context.store().load().require(name);
            if (!(found instanceof GceInstance target)) {
                throw new TetherException(ErrorCode.INVALID, "gce.cli.notGce", found.name());
            }
            String where = target.project() + "/" + target.zone() + "/" + target.instance();
            if (!yes) {
                Console console = System.console();
                if (console == null) {
                    throw new TetherException(ErrorCode.USAGE, "gce.cli.delete.needsYes", target.name());
                }
                String answer = console.readLine("%s ", Messages.get("gce.cli.delete.confirm", target.name(), where));
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes|是")) {
                    context.out().println(Messages.get("gce.cli.delete.kept", target.name()));
                    return ErrorCode.FAILURE.exitCode();
                }
            }
            GceApi api = new GceApi(context.environment());
            try {
                api.delete(target.project(), target.zone(), target.instance(), progress(context));
            } catch (TetherException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                context.err().println(Messages.get("gce.cli.delete.alreadyGone", where));
            }
            context.store().update(inventory -> inventory.remove(target.name()));
            context.out().println(Messages.get("gce.cli.delete.done", target.name(), where));
            return 0;
        }
    }

    /** {@code tether gce set NAME [--restart-after-preemption off|ask|automatic] [--price P|none] [--user U]}. */
    @Command(name = "set", description = "Change a VM's settings in the list (nothing is sent to Google).")
    static final class Set implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "The VM, by its name in the list.")
        String name;

        @Option(names = "--restart-after-preemption", paramLabel = "off|ask|automatic",
                description = "What to do when the Spot VM is preempted.")
        String restart;

        @Option(names = "--price", description = "Your own hourly price, e.g. 'USD 0.35'; 'none' goes back to"
                + " Tether's table.")
        String price;

        @Option(names = "--user", description = "Login on the VM; 'none' goes back to your local user name.")
        String user;

        Set(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Target found = context.store().load().require(name);
            if (!(found instanceof GceInstance old)) {
                throw new TetherException(ErrorCode.INVALID, "gce.cli.notGce", found.name());
            }
            app.tether.inventory.PreemptionRestart policy = old.restartAfterPreemption();
            if (restart != null) {
                try {
                    policy = app.tether.inventory.PreemptionRestart.parse(restart);
                } catch (IllegalArgumentException e) {
                    throw new TetherException(ErrorCode.USAGE, "gce.cli.add.badRestart", restart);
                }
            }
            app.tether.inventory.HourlyPrice hourly = old.price();
            if (price != null) {
                try {
                    hourly = price.strip().equalsIgnoreCase("none") ? null
                            : app.tether.inventory.HourlyPrice.parse(price);
                } catch (IllegalArgumentException e) {
                    throw new TetherException(ErrorCode.USAGE, "gce.cli.add.badPrice", price);
                }
            }
            String login = user == null ? old.sshUser() : user.strip().equalsIgnoreCase("none") ? null : user.strip();
            GceInstance changed = new GceInstance(old.name(), old.project(), old.zone(), old.instance(), old.tags(),
                    old.notes(), hourly, login, policy);
            context.store().update(inventory -> inventory.replace(old.name(), changed));
            context.out().println(Messages.get("gce.cli.set.done", old.name(),
                    changed.preemptionRestart().id(), hourly == null ? "-" : hourly.toString(),
                    login == null ? "-" : login));
            return 0;
        }
    }
}
