package app.tether.jupyter;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.ssh.CommandResult;
import app.tether.ssh.RemoteShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Reads and writes whole files on a server, byte for byte, through fixed scripts; contents travel on stdin/stdout. */
final class RemoteFiles {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final RemoteShell shell;

    RemoteFiles(RemoteShell shell) {
        this.shell = shell;
    }

    /** The file's bytes, or empty when there is no such file. */
    Optional<byte[]> read(String path) {
        CommandResult result = check(shell.capture(RemoteScripts.sh(RemoteScripts.READ, path), TIMEOUT), "read", path);
        String out = result.stdout();
        if (out.startsWith("absent")) {
            return Optional.empty();
        }
        if (!out.startsWith("present")) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.remoteFile", path, out.strip());
        }
        return Optional.of(Base64.getMimeDecoder().decode(out.substring("present".length()).strip()));
    }

    /**
     * Writes {@code content} to {@code path} (parents made) through a temp file and a rename.
     *
     * @param mode octal mode for a new file, e.g. "644"
     * @param keepMode an existing file keeps its own mode (a user's config); else the mode is always set (secrets)
     * @param privileged run through {@code sudo -n} (system units)
     */
    void write(String path, byte[] content, String mode, boolean keepMode, boolean privileged) {
        List<String> argv = RemoteScripts.sh(RemoteScripts.WRITE, path, mode, keepMode ? "keep" : "set");
        check(shell.capture(sudo(argv, privileged), content, TIMEOUT), "write", path);
    }

    /** Copies {@code path} to {@code backup} unless a backup already exists (the first one is the original). */
    void backupOnce(String path, String backup) {
        check(shell.capture(RemoteScripts.sh(RemoteScripts.BACKUP_ONCE, path, backup), TIMEOUT), "backup", path);
    }

    void move(String from, String to) {
        check(shell.capture(List.of("mv", "-f", from, to), TIMEOUT), "move", from);
    }

    void delete(boolean privileged, String... paths) {
        List<String> argv = new ArrayList<>(List.of("rm", "-f"));
        argv.addAll(List.of(paths));
        check(shell.capture(sudo(argv, privileged), TIMEOUT), "delete", paths[0]);
    }

    /** Deletes a directory of Tether's with everything in it. */
    void deleteTree(String path) {
        check(shell.capture(List.of("rm", "-rf", "--", path), TIMEOUT), "delete", path);
    }

    /** Deletes a directory when it is empty; leaves it (and says nothing) otherwise. */
    void removeEmptyDirectory(String path) {
        shell.capture(List.of("rmdir", "--", path), TIMEOUT);
    }

    /** Makes a directory only its owner can enter (Tether's state directory). */
    void privateDirectory(String path) {
        check(shell.capture(List.of("mkdir", "-p", path), TIMEOUT), "mkdir", path);
        check(shell.capture(List.of("chmod", "700", path), TIMEOUT), "chmod", path);
    }

    void directory(String path) {
        check(shell.capture(List.of("mkdir", "-p", path), TIMEOUT), "mkdir", path);
    }

    static List<String> sudo(List<String> argv, boolean privileged) {
        if (!privileged) {
            return argv;
        }
        List<String> withSudo = new ArrayList<>(List.of("sudo", "-n"));
        withSudo.addAll(argv);
        return withSudo;
    }

    private static CommandResult check(CommandResult result, String what, String path) {
        if (!result.ok()) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.remoteFile", path,
                    what + ": " + (result.stderr().isBlank() ? "exit " + result.exitCode() : result.stderr().strip()));
        }
        return result;
    }
}
