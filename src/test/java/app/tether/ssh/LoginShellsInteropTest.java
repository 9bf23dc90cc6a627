package app.tether.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.tether.testing.Interop;
import app.tether.testing.SshTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sshd hands the command line to the user's login shell ({@code shell -c LINE}), which may not be a POSIX
 * shell. Each shell stands in as the login shell through ForceCommand, exactly as sshd would run it, and
 * every argv must still arrive byte for byte.
 */
@Tag("interop")
class LoginShellsInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"/bin/bash", "/bin/dash", "/usr/bin/zsh", "/usr/bin/tcsh", "/usr/bin/fish"})
    void argvArrivesByteForByteWhateverTheLoginShell(String shell) throws Exception {
        Interop.requireProgram(shell);
        Path marker = dir.resolve("pwned");
        try (SshTestbed bed = SshTestbed.start(dir, "ForceCommand exec " + shell + " -c \"$SSH_ORIGINAL_COMMAND\"");
                SshSessions sessions = new SshSessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN,
                        SshPrompts.NONE, Duration.ofSeconds(10), null)) {
            List<String> nasty = List.of("it's \"quoted\"", "$(touch " + marker + ")", "`touch " + marker + "`",
                    "a; touch " + marker, "two\nlines\n", "  spaces  ", "", "中文 ünïcødé 🚀", "*", "$HOME", "~",
                    "\\", "a\\\\b", "back\\'slash", "!!", "!$", "-n", "a'b'c", "'", "%s", "{a,b}", "$(", "tab\there",
                    "#comment", "&", "|", "(x)", "\r\n");
            List<String> argv = new ArrayList<>(List.of("sh", "-c", "printf '%s\\0' \"$@\"", "sh"));
            argv.addAll(nasty);
            CommandResult result = sessions.shell(bed.target(shell)).capture(argv, TIMEOUT);
            assertEquals(0, result.exitCode(), result.stderr());
            assertEquals(String.join("\0", nasty) + "\0", result.stdout());
            // Without any odd character the plain quoted line goes out, and must survive this shell as well.
            List<String> plain = List.of("it's", "$(touch " + marker + ")", "a; b", "  ", "", "*", "=x", "%y", "~",
                    "\"q\"", "#", "{a,b}");
            List<String> printf = new ArrayList<>(List.of("printf", "%s|"));
            printf.addAll(plain);
            assertEquals(String.join("|", plain) + "|",
                    sessions.shell(bed.target(shell)).capture(printf, TIMEOUT).stdout());
            assertFalse(Files.exists(marker), "a quoted argument was executed");
        }
    }
}
