package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.ssh.SshPrompts;
import java.util.Optional;

/**
 * The questions of a command run for a client inside the instance: passphrases and passwords are asked at the
 * client's terminal; an unknown host key is refused with the CLI's own message (run again with
 * {@code --accept-new-host-key}, which the client then runs itself), whatever the instance's own policy is (the
 * window's asks in a dialog), so the command says the same as in its own process.
 */
final class ClientTerminalPrompts implements SshPrompts {
    private final TerminalPrompts terminal;

    ClientTerminalPrompts(CliConsole console) {
        this.terminal = new TerminalPrompts(console);
    }

    @Override
    public boolean trustNewHostKey(String hostPort, String keyType, String sha256Fingerprint) {
        throw new TetherException(ErrorCode.HOST_KEY_REFUSED, "error.hostKey.unknown", hostPort, keyType,
                sha256Fingerprint);
    }

    @Override
    public Optional<char[]> passphrase(String keyFile) {
        return terminal.passphrase(keyFile);
    }

    @Override
    public Optional<char[]> password(String userAtHost) {
        return terminal.password(userAtHost);
    }
}
