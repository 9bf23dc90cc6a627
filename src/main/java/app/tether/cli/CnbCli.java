package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.handoff.SystemBrowser;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.HourlyPrice;
import app.tether.providers.cnb.CnbBackup;
import app.tether.providers.cnb.CnbProvider;
import app.tether.providers.cnb.CnbQuota;
import app.tether.providers.cnb.CnbRunners;
import app.tether.providers.cnb.CnbStopCheck;
import app.tether.providers.cnb.CnbUnpushedWork;
import app.tether.providers.cnb.CnbWorkspaceDetail;
import app.tether.workflow.StartPrice;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The CNB-only parts of the generic commands: the recycling warning before {@code stop}, the price, quota and
 * runner in {@code status}, the WebIDE for {@code open --webide} and the VS Code link for {@code code}.
 */
final class CnbCli {
    private static final int MAX_LINES = 20;

    private CnbCli() {
    }

    static CnbProvider provider(CliContext context, CnbWorkspace target) {
        return (CnbProvider) context.providers().forTarget(target);
    }

    /**
     * Before stopping: what closing puts at risk (unpushed work checked over SSH, CNB's backup), then asks unless
     * {@code yes}. True to go ahead (also when nothing runs: the generic stop then says what the state is).
     */
    static boolean confirmStop(CliContext context, CnbWorkspace target, boolean yes) throws InterruptedException {
        Optional<CnbStopCheck> check = CnbStopCheck.of(provider(context, target), target, context.sshSessions());
        if (check.isEmpty()) {
            return true;
        }
        CnbStopCheck found = check.get();
        context.out().println(Messages.get("cnb.stop.warning", target.name(), found.workspace().sn()));
        CnbUnpushedWork work = found.unpushed();
        if (!work.known()) {
            context.out().println(Messages.get("cnb.stop.unchecked", work.problem()));
        } else if (!work.any()) {
            context.out().println(Messages.get("cnb.stop.clean", found.folder()));
        } else {
            if (!work.changes().isEmpty()) {
                context.out().println(Messages.get("cnb.stop.changes", work.changes().size(), found.folder()));
                print(context, work.changes());
            }
            if (!work.commits().isEmpty()) {
                context.out().println(Messages.get("cnb.stop.commits", work.commits().size()));
                print(context, work.commits());
            }
            context.out().println(Messages.get("cnb.stop.push"));
        }
        if (found.workspace().backupHoldsWork()) {
            context.out().println(CnbBackup.summary(found.workspace()));
        }
        context.out().flush();
        return yes || CnbCommand.confirmed(context, "cnb.stop.confirm");
    }

    private static void print(CliContext context, List<String> lines) {
        lines.stream().limit(MAX_LINES).forEach(line -> context.out().println("  " + line));
        if (lines.size() > MAX_LINES) {
            context.out().println("  " + Messages.get("cnb.stop.more", lines.size() - MAX_LINES));
        }
    }

    /** The lines {@code status} adds for a workspace: runner, price with its date, the group's GPU quota. */
    static void statusDetails(CliContext context, CnbWorkspace target) throws InterruptedException {
        CnbProvider provider = provider(context, target);
        CnbRunners.Runner runner = provider.runner(target);
        CnbRunners.Pricing pricing = CnbRunners.standard().pricing();
        context.out().println(Messages.get("cnb.status.runner", runner.tag(),
                target.runner() == null ? Messages.get("cnb.status.runnerAssumed") : ""));
        context.out().println(Messages.get("cnb.status.price",
                StartPrice.perHour(new HourlyPrice(pricing.currency(), pricing.perHour(runner))), runner.cores(),
                StartPrice.money(new HourlyPrice(pricing.currency(), pricing.perCoreHour())), pricing.date(),
                String.valueOf(pricing.freeGpuCoreHoursPerMonth())));
        Optional<CnbQuota> quota;
        try {
            quota = provider.quota(target);
        } catch (TetherException e) {
            context.out().println(Messages.get("cnb.status.noQuota", e.getLocalizedMessage()));
            return;
        }
        if (quota.isPresent() && quota.get().gpuCoreHours() != null) {
            context.out().println(Messages.get("cnb.status.quota", quota.get().group(),
                    quota.get().gpuCoreHours().toPlainString(), quota.get().hoursOf(runner).toPlainString()));
        } else if (quota.isPresent()) {
            context.out().println(Messages.get("cnb.status.quotaRaw", quota.get().group(), quota.get().raw()));
        } else {
            context.out().println(Messages.get("cnb.status.noQuota", "-"));
        }
    }

    /** {@code open --webide}: the running workspace's WebIDE, printed and opened. */
    static int openWebIde(CliContext context, CnbWorkspace target, boolean browse) throws InterruptedException {
        String url = provider(context, target).detail(target).webide();
        if (url == null) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "cnb.error.noWayIn", target.name());
        }
        return show(context, URI.create(url), browse);
    }

    /** {@code code NAME}: the detail's vscode:// Remote-SSH link through the OS, else the WebIDE. */
    static int code(CliContext context, CnbWorkspace target) throws InterruptedException {
        CnbWorkspaceDetail detail = provider(context, target).detail(target);
        String link = detail.vscode() != null ? detail.vscode() : detail.webide();
        if (link == null) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "cnb.error.noWayIn", target.name());
        }
        context.out().println(Messages.get(detail.vscode() != null ? "cnb.code.vscode" : "cnb.code.webide", link));
        context.out().flush();
        browse(context, URI.create(link));
        return 0;
    }

    static int show(CliContext context, URI url, boolean browse) {
        context.out().println(url);
        context.out().flush();
        if (browse) {
            browse(context, url);
        }
        return 0;
    }

    private static void browse(CliContext context, URI url) {
        try {
            new SystemBrowser().open(url);
        } catch (TetherException e) {
            context.err().println("tether: " + e.getLocalizedMessage());
            context.err().flush();
        }
    }
}
