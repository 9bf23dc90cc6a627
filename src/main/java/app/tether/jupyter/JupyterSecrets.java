package app.tether.jupyter;

import app.tether.core.AtomicFiles;
import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** Local copy of each target's Jupyter token (secrets dir 0700, files 0600), so Tether can open the notebook. */
public final class JupyterSecrets {
    private final Path dir;

    public JupyterSecrets(Environment env) {
        this.dir = env.secretsDir();
    }

    public Optional<String> token(String targetName) {
        try {
            String token = Files.readString(file(targetName), StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "jupyter.error.secretRead", file(targetName), e.getMessage());
        }
    }

    public void saveToken(String targetName, String token) {
        try {
            ensureDir();
            AtomicFiles.write(file(targetName), (token + "\n").getBytes(StandardCharsets.UTF_8), AtomicFiles.ownerOnly());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "jupyter.error.secretWrite", file(targetName), e.getMessage());
        }
    }

    public void delete(String targetName) {
        try {
            Files.deleteIfExists(file(targetName));
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "jupyter.error.secretWrite", file(targetName), e.getMessage());
        }
    }

    /** One file per target; the name is URL-encoded so any target name is one plain file name. */
    Path file(String targetName) {
        return dir.resolve("jupyter-" + URLEncoder.encode(targetName, StandardCharsets.UTF_8) + ".token");
    }

    private void ensureDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
