package app.tether.providers.cnb;

import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.CnbWorkspace;
import app.tether.ssh.SshSessions;
import java.util.Optional;

/**
 * What stopping a workspace would put at risk, gathered before anything stops: the running workspace, and when
 * Tether can reach it over SSH, the uncommitted changes and unpushed commits in its folder.
 */
public record CnbStopCheck(CnbWorkspaceItem workspace, String folder, CnbUnpushedWork unpushed) {
    static final String DEFAULT_FOLDER = "/workspace";

    /** Empty when {@code target} has no running workspace (nothing to stop). */
    public static Optional<CnbStopCheck> of(CnbProvider provider, CnbWorkspace target, SshSessions sessions)
            throws InterruptedException {
        Optional<CnbWorkspaceItem> running = provider.current(target).filter(CnbWorkspaceItem::running);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        CnbWorkspaceItem item = running.get();
        String folder = item.workspace() == null ? DEFAULT_FOLDER : item.workspace();
        return Optional.of(new CnbStopCheck(item, folder, unpushed(provider, target, item, folder, sessions)));
    }

    private static CnbUnpushedWork unpushed(CnbProvider provider, CnbWorkspace target, CnbWorkspaceItem item,
            String folder, SshSessions sessions) throws InterruptedException {
        if (!item.ssh()) {
            return CnbUnpushedWork.unknown(Messages.get("cnb.stop.noSsh"));
        }
        try {
            Optional<CnbSshLogin> login = CnbSshLogin.parse(provider.detail(target, item).ssh());
            if (login.isEmpty()) {
                return CnbUnpushedWork.unknown(Messages.get("cnb.stop.noSsh"));
            }
            var server = CnbProvider.sshServer(target, login.get(), folder);
            return CnbUnpushedWork.check(sessions.shell(server), folder);
        } catch (TetherException e) {
            return CnbUnpushedWork.unknown(e.getLocalizedMessage());
        }
    }
}
