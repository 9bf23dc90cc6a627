package app.tether.cli;

import app.tether.core.Messages;
import app.tether.ssh.SshPrompts;
import java.util.Optional;

/**
 * Asks at the terminal (passphrases and passwords without echo); with no terminal it refuses everything. An unknown
 * host key is never asked about: the CLI's sessions refuse it, or accept it with {@code --accept-new-host-key}.
 */
final class TerminalPrompts implements SshPrompts {
    private final CliConsole console;

    TerminalPrompts(CliConsole console) {
        this.console = console;
    }

    @Override
    public synchronized Optional<char[]> passphrase(String keyFile) {
        return console.ask(Messages.get("cli.prompt.passphrase", keyFile), true).map(String::toCharArray);
    }

    @Override
    public synchronized Optional<char[]> password(String userAtHost) {
        return console.ask(Messages.get("cli.prompt.password", userAtHost), true).map(String::toCharArray);
    }
}
