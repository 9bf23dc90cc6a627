package app.tether.cli;

import app.tether.core.Messages;
import app.tether.ssh.SshPrompts;
import java.io.Console;
import java.util.Locale;
import java.util.Optional;

/** Asks at the terminal (passphrases and passwords without echo); with no terminal it refuses everything. */
final class TerminalPrompts implements SshPrompts {
    @Override
    public synchronized boolean trustNewHostKey(String hostPort, String keyType, String sha256Fingerprint) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String question = Messages.get("cli.prompt.hostKey", hostPort, keyType, sha256Fingerprint);
        String answer = console.readLine("%s ", question);
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).equals("yes");
    }

    @Override
    public synchronized Optional<char[]> passphrase(String keyFile) {
        return secret(Messages.get("cli.prompt.passphrase", keyFile));
    }

    @Override
    public synchronized Optional<char[]> password(String userAtHost) {
        return secret(Messages.get("cli.prompt.password", userAtHost));
    }

    private static Optional<char[]> secret(String prompt) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] answer = console.readPassword("%s ", prompt);
        return Optional.ofNullable(answer);
    }
}
