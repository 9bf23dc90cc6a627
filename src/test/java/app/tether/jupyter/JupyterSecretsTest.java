package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.core.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JupyterSecretsTest {
    @TempDir
    Path dir;

    @Test
    void savedTokenIsReadBackFromAnOwnerOnlyFile() throws Exception {
        Environment env = new Environment(dir.resolve("tether"), dir.resolve("home"));
        JupyterSecrets secrets = new JupyterSecrets(env);
        assertEquals(Optional.empty(), secrets.token("GPU 1"));
        secrets.saveToken("GPU 1", "abc123");
        secrets.saveToken("GPU 1", "def456");
        assertEquals(Optional.of("def456"), secrets.token("GPU 1"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env.secretsDir())));
        try (var files = Files.list(env.secretsDir())) {
            assertEquals(1, files.count());
        }
        Path file = secrets.file("GPU 1");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        secrets.delete("GPU 1");
        assertEquals(Optional.empty(), secrets.token("GPU 1"));
    }

    @Test
    void targetNamesCannotEscapeTheSecretsDirectory() {
        JupyterSecrets secrets = new JupyterSecrets(new Environment(dir.resolve("tether"), dir.resolve("home")));
        assertEquals(dir.resolve("tether/secrets"), secrets.file("../../x/y").getParent());
    }
}
