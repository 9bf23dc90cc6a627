package app.tether.ui;

import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.SshServer;
import app.tether.probe.ServerStatus;
import app.tether.probe.StatusProbe;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshSessions;
import java.util.concurrent.CompletableFuture;

/**
 * Tests a server from the Add/Edit dialog: connects as the app would (asking about a new host key or a
 * passphrase, since the user pressed the button) and probes it once. A separate, short-lived session pool keeps
 * an unsaved draft from replacing the pooled session that tunnels of a saved server with the same name use.
 */
final class SshConnectionTester implements ConnectionTester {
    private final Environment environment;
    private final FxSshPrompts prompts;
    private final FxExecutors executors;

    SshConnectionTester(Environment environment, FxSshPrompts prompts, FxExecutors executors) {
        this.environment = environment;
        this.prompts = prompts;
        this.executors = executors;
    }

    @Override
    public CompletableFuture<Result> test(SshServer server) {
        return executors.supply(() -> {
            try (SshSessions trial = new SshSessions(environment, HostKeyPolicy.ASK, prompts);
                    FxSshPrompts.Scope asking = prompts.interactive()) {
                trial.session(server);
                return describe(new StatusProbe(trial).probe(server));
            }
        });
    }

    static Result describe(ServerStatus status) {
        if (!status.online()) {
            return new Result(false, status.error());
        }
        String host = status.host() == null ? status.target() : status.host().os() == null ? status.host().hostname()
                : Messages.get("ui.host.name.value", status.host().hostname(), status.host().os());
        String gpus = GpuSummary.line(status);
        return new Result(true, Messages.get("ui.editor.test.ok", host, gpus == null ? "" : gpus));
    }
}
