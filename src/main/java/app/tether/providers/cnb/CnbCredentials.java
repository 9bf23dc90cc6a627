package app.tether.providers.cnb;

import app.tether.core.AtomicFiles;
import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where Tether finds the CNB token and API: {@code CNB_TOKEN} (CNB's own name for it), else the token saved by
 * {@code tether cnb login} in Tether's secrets (directory 0700, file 0600); {@code CNB_API_ENDPOINT} changes the
 * base URL.
 */
public final class CnbCredentials {
    public static final String DEFAULT_ENDPOINT = "https://api.cnb.cool";
    static final String TOKEN_VARIABLE = "CNB_TOKEN";
    static final String ENDPOINT_VARIABLE = "CNB_API_ENDPOINT";

    private final Environment environment;

    public CnbCredentials(Environment environment) {
        this.environment = environment;
    }

    /** The API base URL, without a trailing slash. */
    public URI endpoint() {
        String value = environment.variable(ENDPOINT_VARIABLE);
        String base = value == null ? DEFAULT_ENDPOINT : value.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            URI uri = URI.create(base);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(base);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new TetherException(ErrorCode.INVALID, "cnb.error.endpoint", base);
        }
    }

    /** The token to use, or AUTH_FAILED saying how to give one. */
    public String token() {
        return findToken().orElseThrow(() -> new TetherException(ErrorCode.AUTH_FAILED, "cnb.error.noToken"));
    }

    public Optional<String> findToken() {
        String variable = environment.variable(TOKEN_VARIABLE);
        if (variable != null) {
            return Optional.of(variable.strip());
        }
        return savedToken();
    }

    /** Whether the token in use comes from the environment rather than from {@code cnb login}. */
    public boolean fromEnvironment() {
        return environment.variable(TOKEN_VARIABLE) != null;
    }

    Optional<String> savedToken() {
        try {
            String token = Files.readString(file(), StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "cnb.error.secretRead", file(), e.getMessage());
        }
    }

    public void save(String token) {
        Path dir = environment.secretsDir();
        try {
            Files.createDirectories(dir);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            AtomicFiles.write(file(), (token + "\n").getBytes(StandardCharsets.UTF_8), AtomicFiles.ownerOnly());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "cnb.error.secretWrite", file(), e.getMessage());
        }
    }

    /** Removes the saved token; true when there was one. */
    public boolean forget() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "cnb.error.secretWrite", file(), e.getMessage());
        }
    }

    public Path file() {
        return environment.secretsDir().resolve("cnb.token");
    }
}
