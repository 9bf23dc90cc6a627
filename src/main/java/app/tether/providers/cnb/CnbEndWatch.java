package app.tether.providers.cnb;

import app.tether.core.Messages;
import app.tether.inventory.CnbWorkspace;
import app.tether.watch.WatchEvent;
import app.tether.watch.WorkspaceEndWatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One watch round over CNB workspaces: reads their current workspaces and gives the events now due. */
public final class CnbEndWatch {
    private final CnbProvider provider;
    private final Clock clock;
    private final WorkspaceEndWatch watch = new WorkspaceEndWatch();

    public CnbEndWatch(CnbProvider provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    public List<WatchEvent> round(List<CnbWorkspace> targets) throws InterruptedException {
        List<WatchEvent> notices = new ArrayList<>();
        Instant now = clock.instant();
        for (CnbWorkspace target : targets) {
            Optional<CnbWorkspaceItem> item = provider.current(target);
            var state = provider.stateOf(target, item).state();
            Optional<CnbTimeLeft> left = item.flatMap(i -> provider.timeLeft(target, i));
            watch.observe(target.name(), state, left.map(CnbTimeLeft::deadline).orElse(null), now,
                    minutes -> Messages.get("cnb.watch.ending", target.name(), minutes,
                            left.map(CnbTimeLeft::deadlineText).orElse("-")),
                    () -> Messages.get("cnb.watch.recycled", target.name(),
                            item.map(CnbBackup::summary).orElse(""))).ifPresent(notices::add);
        }
        return notices;
    }
}
