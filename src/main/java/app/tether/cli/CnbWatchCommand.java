package app.tether.cli;

import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.Inventory;
import app.tether.inventory.Target;
import app.tether.providers.cnb.CnbEndWatch;
import app.tether.providers.cnb.CnbProvider;
import app.tether.watch.WorkspaceEndNotice;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether cnb watch NAME… [--json]}: until interrupted, one line (or JSON object) per notice: a workspace
 * ends within 30 / 10 minutes (4 h limit, overnight window), or CNB closed it (with what the backup kept).
 */
@Command(name = "watch", description = {
    "Watch CNB workspaces until interrupted: a notice 30 and 10 minutes before CNB recycles one (4 h GPU limit,",
    "overnight window), and when CNB closed one (with what its backup kept). One line per notice; --json: one",
    "object per line {at, target, type, state, message}."})
final class CnbWatchCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The workspaces to watch.")
    List<String> names;

    @Option(names = "--json", description = "One JSON object per notice.")
    boolean json;

    CnbWatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Inventory inventory = context.store().load();
        List<CnbWorkspace> targets = new ArrayList<>();
        for (String name : names) {
            Target target = inventory.require(name);
            if (!(target instanceof CnbWorkspace workspace)) {
                throw new TetherException(ErrorCode.INVALID, "cnb.error.notCnb", target.name());
            }
            targets.add(workspace);
        }
        CnbProvider provider = (CnbProvider) context.providers().forTarget(targets.get(0));
        CnbEndWatch watch = new CnbEndWatch(provider, Clock.systemUTC());
        long every = provider.pollInterval().toSeconds();
        context.err().println(Messages.get("cnb.watch.watching", String.join(", ", names), every));
        context.err().flush();
        ScheduledExecutorService scheduler = BackgroundExecutors.scheduler("cnb-watch", 1);
        scheduler.scheduleWithFixedDelay(() -> round(watch, targets), 0, every, TimeUnit.SECONDS);
        return Foreground.holdUntilStopped(scheduler::shutdownNow);
    }

    private void round(CnbEndWatch watch, List<CnbWorkspace> targets) {
        try {
            watch.round(targets).forEach(this::print);
        } catch (TetherException e) {
            synchronized (context.err()) {
                context.err().println("tether: " + Messages.get("cnb.watch.failed", e.getLocalizedMessage()));
                context.err().flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void print(WorkspaceEndNotice notice) {
        synchronized (context.out()) {
            if (json) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("at", notice.at().toString());
                object.put("target", notice.target());
                object.put("type", notice.type().id());
                object.put("state", notice.type() == WorkspaceEndNotice.Type.RECYCLED ? "stopped" : "running");
                object.put("message", notice.message());
                object.put("deadline", notice.deadline() == null ? null : notice.deadline().toString());
                JsonOutput.print(context.out(), object);
            } else {
                context.out().println(notice.at().truncatedTo(ChronoUnit.SECONDS) + " " + notice.type().id() + " "
                        + Cli.oneLine(notice.message()));
                context.out().flush();
            }
        }
    }
}
