package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.handoff.SystemBrowser;
import app.tether.inventory.CnbWorkspace;
import app.tether.providers.cnb.CnbProvider;
import app.tether.providers.cnb.CnbWorkspaceDetail;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tether cnb code NAME}: VS Code through the workspace detail's {@code vscode} (Remote-SSH) link. */
@Command(name = "code", description = "Open the running workspace in VS Code through CNB's vscode:// Remote-SSH link"
        + " (the OS hands it to VS Code); without one, the WebIDE.")
final class CnbCodeCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    CnbCodeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        CnbWorkspace target = CnbCommand.target(context, name);
        CnbWorkspaceDetail detail = new CnbProvider(context.environment()).detail(target);
        String link = detail.vscode() != null ? detail.vscode() : detail.webide();
        if (link == null) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "cnb.error.noWayIn", target.name());
        }
        context.out().println(Messages.get(detail.vscode() != null ? "cnb.code.vscode" : "cnb.code.webide", link));
        context.out().flush();
        try {
            new SystemBrowser().open(URI.create(link));
        } catch (TetherException | IllegalArgumentException e) {
            context.err().println("tether: " + e.getLocalizedMessage());
        }
        return 0;
    }
}
