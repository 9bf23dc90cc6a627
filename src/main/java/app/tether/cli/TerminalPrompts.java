package app.tether.cli;

import app.tether.core.Messages;
import app.tether.ssh.SshPrompts;
import java.util.Locale;
import java.util.Optional;

/** Asks at the terminal (passphrases and passwords without echo); with no terminal it refuses everything. */
final class TerminalPrompts implements SshPrompts {
    private final CliConsole console;

    TerminalPrompts(CliConsole console) {
        this.console = console;
    }

    @Override
    public synchronized boolean trustNewHostKey(String hostPort, String keyType, String sha256Fingerprint) {
        String question = Messages.get("cli.prompt.hostKey", hostPort, keyType, sha256Fingerprint);
        return console.ask(question, false).map(answer -> answer.strip().toLowerCase(Locale.ROOT).equals("yes"))
                .orElse(false);
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
