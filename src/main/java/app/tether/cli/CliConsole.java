package app.tether.cli;

import java.io.Console;
import java.util.Optional;

/**
 * The user's terminal, for the questions a command asks (a passphrase, "start this paid machine?"): the process's
 * own console, or, for a command the instance runs, the client's terminal over the socket.
 */
public interface CliConsole {
    /** No terminal: every question is unanswered (as with {@code System.console() == null}). */
    CliConsole NONE = (prompt, secret) -> Optional.empty();

    /** Asks {@code prompt} ({@code secret}: without echo); empty when there is no terminal or the user cancelled. */
    Optional<String> ask(String prompt, boolean secret);

    /** Whether there is a terminal at all (commands that cannot ask refuse up front with a hint). */
    default boolean present() {
        return true;
    }

    /** The process's own terminal, looked up when asked (a console can come and go in tests). */
    static CliConsole system() {
        return new CliConsole() {
            @Override
            public Optional<String> ask(String prompt, boolean secret) {
                Console console = System.console();
                if (console == null) {
                    return Optional.empty();
                }
                if (secret) {
                    char[] answer = console.readPassword("%s ", prompt);
                    return answer == null ? Optional.empty() : Optional.of(new String(answer));
                }
                return Optional.ofNullable(console.readLine("%s ", prompt));
            }

            @Override
            public boolean present() {
                return System.console() != null;
            }
        };
    }
}
