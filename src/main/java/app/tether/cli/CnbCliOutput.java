package app.tether.cli;

import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.inventory.CnbWorkspace;
import app.tether.providers.cnb.CnbProvider;
import app.tether.providers.cnb.CnbWorkspaceItem;
import java.time.Instant;

/** What the CNB commands print in common: progress lines on stderr and the time a workspace has left. */
final class CnbCliOutput {
    private CnbCliOutput() {
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

    static void timeLeft(CliContext context, CnbProvider provider, CnbWorkspace target, CnbWorkspaceItem item) {
        provider.timeLeft(target, item).ifPresent(left -> {
            long minutes = left.left(Instant.now()).toMinutes();
            context.out().println(Messages.get(left.reason() == app.tether.providers.cnb.CnbTimeLeft.Reason.OVERNIGHT
                    ? "cnb.timeLeft.overnight" : "cnb.timeLeft", minutes / 60, minutes % 60, left.deadline()));
        });
    }
}
