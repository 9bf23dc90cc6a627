package app.tether.cli;

import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.CnbWorkspace;
import app.tether.providers.LiveState;
import app.tether.providers.cnb.CnbProvider;
import app.tether.providers.cnb.CnbQuota;
import app.tether.providers.cnb.CnbRunners;
import app.tether.providers.cnb.CnbWorkspaceItem;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether cnb status NAME [--json]}: the workspace's state, time left, runner and price, the group's GPU
 * quota where the token may read it, and for a closed workspace what its backup kept.
 */
@Command(name = "status", description = "Show a workspace: state, time left, runner, price, GPU quota, backup.")
final class CnbStatusCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    CnbStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        CnbWorkspace target = CnbCommand.target(context, name);
        CnbProvider provider = new CnbProvider(context.environment());
        Optional<CnbWorkspaceItem> current = provider.current(target);
        LiveState state = provider.stateOf(target, current);
        CnbRunners.Runner runner = provider.runner(target);
        CnbRunners.Pricing pricing = CnbRunners.standard().pricing();
        Optional<CnbQuota> quota;
        String quotaProblem = null;
        try {
            quota = provider.quota(target);
        } catch (TetherException e) {
            quota = Optional.empty();
            quotaProblem = e.getLocalizedMessage();
        }
        if (json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("name", target.name());
            root.put("repo", target.repo());
            root.put("branch", target.branch());
            root.put("state", state.state().id());
            root.put("stage", state.stage());
            root.put("sn", current.map(CnbWorkspaceItem::sn).orElse(null));
            root.put("message", state.message());
            root.put("runner", runner.tag());
            root.put("pricePerHour", pricing.perHour(runner).toPlainString());
            root.put("currency", pricing.currency());
            root.put("pricingDate", pricing.date().toString());
            current.flatMap(item -> provider.timeLeft(target, item))
                    .ifPresent(left -> root.put("recycledAt", left.deadline().toString()));
            root.put("gpuCoreHours", quota.map(CnbQuota::gpuCoreHours).orElse(null));
            JsonOutput.print(context.out(), root);
            return 0;
        }
        context.out().println(Messages.get("cnb.status.head", target.name(), target.repo(), target.branch(),
                state.stage() == null ? state.state().id() : state.stage(),
                current.map(CnbWorkspaceItem::sn).orElse("-")));
        if (state.message() != null) {
            context.out().println(state.message());
        }
        context.out().println(Messages.get("cnb.status.runner", runner.tag(),
                target.runner() == null ? Messages.get("cnb.status.runnerAssumed") : ""));
        context.out().println(Messages.get("cnb.status.price", pricing.perHour(runner).toPlainString(),
                pricing.currency(), runner.cores(), pricing.perCoreHour().toPlainString(), pricing.date(),
                pricing.freeGpuCoreHoursPerMonth()));
        if (quota.isPresent() && quota.get().gpuCoreHours() != null) {
            context.out().println(Messages.get("cnb.status.quota", quota.get().group(),
                    quota.get().gpuCoreHours().toPlainString(), quota.get().hoursOf(runner).toPlainString()));
        } else if (quota.isPresent()) {
            context.out().println(Messages.get("cnb.status.quotaRaw", quota.get().group(), quota.get().raw()));
        } else {
            context.out().println(Messages.get("cnb.status.noQuota", quotaProblem == null ? "-" : quotaProblem));
        }
        return 0;
    }
}
