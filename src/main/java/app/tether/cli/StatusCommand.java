package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.inventory.TargetSummary;
import app.tether.providers.LiveState;
import app.tether.providers.ssh.SshProvider;
import app.tether.workflow.Lifecycle;
import java.math.BigDecimal;
import app.tether.probe.GpuProcess;
import app.tether.probe.GpuSample;
import app.tether.probe.HostFacts;
import app.tether.probe.ServerStatus;
import app.tether.probe.StatusProbe;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether status NAME [--json]}: one target's live status (SSH: host facts and GPUs; cloud: the provider's view). */
@Command(name = "status", description = {
    "Show a target's live status. An SSH server: host facts (OS, uptime, load, memory, free disk) and GPUs",
    "(nvidia-smi). A cloud workspace: its state, the provider's stage, hardware and price per hour.",
    "Exit 3: cannot connect or log in (or the cloud API refuses); 4: host key refused.",
    "With --json the status is printed either way, with kind, state, stage, hardware and pricePerHour."})
final class StatusCommand implements Callable<Integer> {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The server.")
    String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Target any = context.store().load().require(name);
        if (!(any instanceof SshServer target)) {
            return providerStatus(any);
        }
        context.sshSessions().checkRoute(target); // a local config mistake is exit 1, not "cannot connect" (3)
        ServerStatus status = new StatusProbe(context.sshSessions()).probe(target);
        LiveState live = SshProvider.liveState(status);
        context.stateCache().record(target.name(), live);
        if (json) {
            ObjectNode root = toJson(status);
            putLive(root, target, live);
            JsonOutput.print(context.out(), root);
        } else if (status.online()) {
            printHuman(status);
        }
        if (!status.online()) {
            context.err().println("tether: " + status.error());
            context.err().flush();
        }
        return exitCode(status);
    }

    /** Any other kind: the provider's view, asked now (an API that cannot be reached or refuses: exit 3). */
    private int providerStatus(Target target) throws InterruptedException {
        LiveState live = context.lifecycle().observe(target);
        if (json) {
            ObjectNode root = JSON.objectNode();
            root.put("name", target.name());
            putLive(root, target, live);
            root.put("message", live.message());
            root.put("at", live.observedAt().toString());
            JsonOutput.print(context.out(), root);
            return 0;
        }
        line("cli.status.target", target.name(), Lifecycle.describe(target, live));
        if (live.hardware() != null) {
            line("cli.status.hardware", live.hardware());
        }
        BigDecimal price = TargetSummary.usdPerHour(target, live.pricePerHour());
        if (price != null) {
            if (price.signum() == 0) {
                line("cli.status.priceFree");
            } else {
                line("cli.status.price", price.toPlainString());
            }
        }
        if (target instanceof app.tether.inventory.CnbWorkspace workspace) {
            CnbCli.statusDetails(context, workspace);
        }
        context.out().flush();
        return 0;
    }

    /** The fields every kind has: kind, state, stage, hardware, pricePerHour (USD number or null). */
    static void putLive(ObjectNode root, Target target, LiveState live) {
        root.put("kind", target.kind().id());
        root.put("state", live.state().id());
        root.put("stage", live.stage());
        root.put("hardware", live.hardware());
        root.put("pricePerHour", TargetSummary.usdPerHour(target, live.pricePerHour()));
    }

    static int exitCode(ServerStatus status) {
        return switch (status.reachability()) {
            case ONLINE -> 0;
            case OFFLINE -> ErrorCode.CANNOT_CONNECT.exitCode();
            case AUTH_FAILED -> ErrorCode.AUTH_FAILED.exitCode();
            case HOST_KEY_CHANGED, HOST_KEY_UNKNOWN -> ErrorCode.HOST_KEY_REFUSED.exitCode();
        };
    }

    /**
     * The documented JSON: {@code online}, {@code hostname}, {@code gpus}, {@code host}, plus the details. Built
     * by hand so field names and order stay as documented whatever the records grow.
     */
    static ObjectNode toJson(ServerStatus status) {
        ObjectNode root = JSON.objectNode();
        root.put("online", status.online());
        HostFacts host = status.host();
        root.put("hostname", host == null ? null : host.hostname());
        putEach(root, "gpus", status.gpus(), (g, gpu) -> {
            g.put("index", gpu.index());
            g.put("name", gpu.name());
            g.put("uuid", gpu.uuid());
            g.put("utilizationPercent", gpu.utilizationPercent());
            g.put("memoryUtilizationPercent", gpu.memoryUtilizationPercent());
            g.put("memoryUsedMiB", gpu.memoryUsedMiB());
            g.put("memoryTotalMiB", gpu.memoryTotalMiB());
            g.put("temperatureC", gpu.temperatureC());
            g.put("powerW", gpu.powerW());
            g.put("powerLimitW", gpu.powerLimitW());
        });
        if (host == null) {
            root.putNull("host");
        } else {
            ObjectNode h = root.putObject("host");
            h.put("hostname", host.hostname());
            h.put("os", host.os());
            known(h, "uptimeSeconds", host.uptimeSeconds());
            known(h, "load1", host.load1());
            known(h, "load5", host.load5());
            known(h, "load15", host.load15());
            known(h, "cpuCount", host.cpuCount());
            known(h, "memoryTotalMiB", host.memoryTotalMiB());
            known(h, "memoryAvailableMiB", host.memoryAvailableMiB());
            known(h, "homeFreeMiB", host.homeFreeMiB());
        }
        root.put("target", status.target());
        root.put("at", status.at().toString());
        root.put("reachability", status.reachability().name());
        root.put("error", status.error());
        root.put("gpuAvailability", status.gpuAvailability() == null ? null : status.gpuAvailability().name());
        root.put("gpuError", status.gpuError());
        putEach(root, "processes", status.processes(), (p, process) -> {
            p.put("gpuUuid", process.gpuUuid());
            p.put("pid", process.pid());
            p.put("processName", process.processName());
            p.put("usedMemoryMiB", process.usedMemoryMiB());
        });
        return root;
    }

    /** {@code root.field}: one object per item, its fields put by {@code fields} in the documented order. */
    private static <T> void putEach(ObjectNode root, String field, List<T> items, BiConsumer<ObjectNode, T> fields) {
        ArrayNode array = root.putArray(field);
        for (T item : items) {
            fields.accept(array.addObject(), item);
        }
    }

    /** HostFacts marks "not reported" as -1; JSON says null. */
    private static void known(ObjectNode node, String field, double value) {
        if (value < 0) {
            node.putNull(field);
        } else if (value == Math.rint(value) && !field.startsWith("load")) {
            node.put(field, (long) value);
        } else {
            node.put(field, value);
        }
    }

    private void printHuman(ServerStatus status) {
        HostFacts host = status.host();
        line("probe.cli.online", status.target(), orUnknown(host.hostname()), orUnknown(host.os()));
        line("probe.cli.host", uptime(host.uptimeSeconds()), load(host.load1()), load(host.load5()), load(host.load15()),
                host.cpuCount() < 0 ? unknown() : String.valueOf(host.cpuCount()));
        line("probe.cli.memory", mib(host.memoryAvailableMiB()), mib(host.memoryTotalMiB()), mib(host.homeFreeMiB()));
        if (status.gpuError() != null) {
            line("probe.cli.noGpus", status.gpuError());
        } else if (status.gpus().isEmpty()) {
            line("probe.cli.noGpus", Messages.get("probe.cli.gpuNone"));
        }
        Map<String, Integer> indexByUuid = new HashMap<>();
        for (GpuSample gpu : status.gpus()) {
            if (gpu.uuid() != null) {
                indexByUuid.put(gpu.uuid(), gpu.index());
            }
            line("probe.cli.gpu", gpu.index(), orUnknown(gpu.name()), percent(gpu.utilizationPercent()),
                    orUnknown(gpu.memoryUsedMiB(), StatusCommand::mib), orUnknown(gpu.memoryTotalMiB(), StatusCommand::mib),
                    orUnknown(gpu.temperatureC(), t -> format("%.0f °C", t)),
                    power(gpu.powerW(), gpu.powerLimitW()));
        }
        if (!status.processes().isEmpty()) {
            line("probe.cli.processes");
        }
        for (GpuProcess process : status.processes()) {
            Integer index = indexByUuid.get(process.gpuUuid());
            context.out().print("  ");
            line("probe.cli.process", index == null ? orUnknown(process.gpuUuid()) : String.valueOf(index),
                    String.valueOf(process.pid()), orUnknown(process.processName()),
                    orUnknown(process.usedMemoryMiB(), StatusCommand::mib));
        }
        context.out().flush();
    }

    private void line(String key, Object... args) {
        context.out().println(Messages.get(key, args));
    }

    private static String uptime(long seconds) {
        if (seconds < 0) {
            return unknown();
        }
        return Messages.get("probe.cli.uptime", String.valueOf(seconds / 86_400), String.valueOf(seconds % 86_400 / 3600),
                String.valueOf(seconds % 3600 / 60));
    }

    private static String load(double value) {
        return value < 0 ? unknown() : format("%.2f", value);
    }

    private static String mib(long value) {
        return value < 0 ? unknown() : Messages.get("probe.cli.mib", String.valueOf(value));
    }

    private static String percent(Double value) {
        return orUnknown(value, v -> format("%.0f%%", v));
    }

    private static String power(Double draw, Double limit) {
        if (draw == null && limit == null) {
            return unknown();
        }
        return orUnknown(draw, d -> format("%.0f", d)) + " / " + orUnknown(limit, l -> format("%.0f", l)) + " W";
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String orUnknown(String text) {
        return orUnknown(text, Function.identity());
    }

    /** A reported value as {@code shown} says, or "unknown" when it was not reported. */
    private static <T> String orUnknown(T value, Function<T, String> shown) {
        return value == null ? unknown() : shown.apply(value);
    }

    private static String unknown() {
        return Messages.get("probe.cli.unknown");
    }
}
