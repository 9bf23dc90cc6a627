package app.tether.providers.cnb;

import app.tether.ssh.CommandResult;
import app.tether.ssh.RemoteShell;
import java.time.Duration;
import java.util.List;

/**
 * Work in a workspace folder that closing would leave only in CNB's backup: uncommitted changes
 * ({@code git status --porcelain}) and commits on no remote ({@code git log --branches --not --remotes}). Read
 * over SSH through {@link RemoteShell} argv; {@link #unknown} when the folder is not a git repository.
 */
public record CnbUnpushedWork(boolean known, List<String> changes, List<String> commits, String problem) {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    public CnbUnpushedWork {
        changes = changes == null ? List.of() : List.copyOf(changes);
        commits = commits == null ? List.of() : List.copyOf(commits);
    }

    public static CnbUnpushedWork unknown(String problem) {
        return new CnbUnpushedWork(false, List.of(), List.of(), problem);
    }

    public boolean any() {
        return !changes.isEmpty() || !commits.isEmpty();
    }

    /** Checks {@code folder} on the workspace. */
    public static CnbUnpushedWork check(RemoteShell shell, String folder) {
        CommandResult status = shell.capture(List.of("git", "-C", folder, "status", "--porcelain"), TIMEOUT);
        if (status.exitCode() != 0) {
            return unknown(firstLine(status.stderr()));
        }
        CommandResult log = shell.capture(List.of("git", "-C", folder, "log", "--branches", "--not", "--remotes",
                "--oneline", "--no-decorate", "--no-color"), TIMEOUT);
        if (log.exitCode() != 0) {
            return unknown(firstLine(log.stderr()));
        }
        return new CnbUnpushedWork(true, lines(status.stdout()), lines(log.stdout()), null);
    }

    private static List<String> lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").strip();
    }
}
