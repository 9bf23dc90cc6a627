package app.tether.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sshd fixture itself works, checked with OpenSSH's own client. */
@Tag("interop")
class OpenSshServerTest {
    @TempDir
    Path dir;

    @Test
    void openSshClientLogsInAndRunsACommand() throws Exception {
        Interop.requireProgram("/usr/bin/ssh");
        try (OpenSshServer server = OpenSshServer.start(dir.resolve("sshd"))) {
            Path key = OpenSshServer.generateKey(dir.resolve("keys"), "ed25519", "");
            server.authorize(Path.of(key + ".pub"));
            Path knownHosts = dir.resolve("known_hosts");
            Files.write(knownHosts, server.knownHostsLines());
            Process ssh = new ProcessBuilder("/usr/bin/ssh", "-F", "/dev/null", "-o", "BatchMode=yes",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
                    "-i", key.toString(), "-p", String.valueOf(server.port()),
                    OpenSshServer.user() + "@127.0.0.1", "echo", "fixture-ok").redirectErrorStream(true).start();
            String output = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, ssh.waitFor(), output);
            assertEquals(List.of("fixture-ok"), output.strip().lines().toList());
        }
    }
}
