package app.tether.cli;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.InventoryStore;
import app.tether.ssh.SshConfigFile;
import java.io.IOException;
import java.io.PrintWriter;

/** What every command needs: the environment, the inventory store and the output streams. */
public final class CliContext {
    private final Environment environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private InventoryStore store;

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

    /** The user's ~/.ssh/config (empty when there is none). */
    public SshConfigFile sshConfig() {
        try {
            return SshConfigFile.read(environment.sshConfig(), environment.sshDir());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.sshConfig.read", environment.sshConfig(), e.getMessage());
        }
    }
}
