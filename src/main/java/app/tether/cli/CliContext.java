package app.tether.cli;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.inventory.Target;
import app.tether.providers.Providers;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.workflow.Lifecycle;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshConfigFile;
import app.tether.ssh.SshSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Supplier;

/** What every command needs: the environment, the inventory store and the output streams. */
public final class CliContext {
    private final Environment environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private InventoryStore store;
    private boolean acceptNewHostKey;
    private SshSessions sshSessions;
    private Supplier<SshSessions> sshSessionsFactory;
    private Providers providers;
    private Lifecycle lifecycle;

    public CliContext(Environment environment, PrintWriter out, PrintWriter err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public Environment environment() {
        return environment;
    }

    public InventoryStore store() {
        if (store == null) {
            store = new InventoryStore(environment.inventoryFile());
        }
        return store;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** Set by the global {@code --accept-new-host-key}: trust unknown host keys (never changed ones). */
    public void acceptNewHostKey(boolean accept) {
        this.acceptNewHostKey = accept;
    }

    public HostKeyPolicy hostKeyPolicy() {
        return acceptNewHostKey ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.REFUSE_UNKNOWN;
    }

    /** Replaces how sessions are made (tests: a fixed agent socket or a short timeout). */
    public void sshSessionsFactory(Supplier<SshSessions> factory) {
        this.sshSessionsFactory = factory;
    }

    /** The SSH sessions of this command, made on first use and closed when the command ends. */
    public synchronized SshSessions sshSessions() {
        if (sshSessions == null) {
            sshSessions = sshSessionsFactory != null ? sshSessionsFactory.get()
                    : new SshSessions(environment, hostKeyPolicy(), new TerminalPrompts());
        }
        return sshSessions;
    }

    /** The SSH server called {@code name}: NOT_FOUND when there is none, INVALID when it is another kind. */
    public SshServer target(String name) {
        Target target = store().load().require(name);
        if (target instanceof SshServer server) {
            return server;
        }
        throw new TetherException(ErrorCode.INVALID, "error.target.notSsh", target.name());
    }

    /** The provider of every kind, probing SSH servers through this command's sessions. */
    public synchronized Providers providers() {
        if (providers == null) {
            providers = StandardProviders.create(environment, this::sshSessions);
        }
        return providers;
    }

    /** Checked actions on targets of every kind, recording what it sees in the state cache. */
    public synchronized Lifecycle lifecycle() {
        if (lifecycle == null) {
            lifecycle = new Lifecycle(providers(), stateCache());
        }
        return lifecycle;
    }

    public StateCache stateCache() {
        return StateCache.in(environment);
    }

    /** Ends what the command opened (SSH sessions). */
    public synchronized void close() {
        if (sshSessions != null) {
            sshSessions.close();
            sshSessions = null;
        }
    }

    /** The user's ~/.ssh/config (empty when there is none). */
    public SshConfigFile sshConfig() {
        try {
            return SshConfigFile.read(environment.sshConfig(), environment.sshDir());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.sshConfig.read", environment.sshConfig(), e.getMessage());
        }
    }
}
