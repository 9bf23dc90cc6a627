package app.tether.providers.hf;

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
 * Where Tether finds the Hugging Face token, in this order: {@code HF_TOKEN}; the token kept by
 * {@code tether hf login} (TETHER_HOME/secrets/hf.token, 0600); huggingface_hub's own file
 * ({@code $HF_HOME/token}, default {@code ~/.cache/huggingface/token}). {@code HF_ENDPOINT} changes the Hub's
 * address (default https://huggingface.co).
 */
public final class HfCredentials {
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    private final Environment environment;

    public HfCredentials(Environment environment) {
        this.environment = environment;
    }

    /** A token and where it came from (for messages; never the token itself). */
    public record Token(String value, String source) {
        @Override
        public String toString() {
            return "Token[" + source + "]";
        }
    }

    public URI endpoint() {
        String configured = environment.variable("HF_ENDPOINT");
        if (configured == null) {
            return DEFAULT_ENDPOINT;
        }
        String base = configured.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base);
    }

    public Optional<Token> token() {
        String variable = environment.variable("HF_TOKEN");
        if (variable != null) {
            return Optional.of(new Token(variable.strip(), "HF_TOKEN"));
        }
        Optional<String> stored = read(storedFile());
        if (stored.isPresent()) {
            return Optional.of(new Token(stored.get(), storedFile().toString()));
        }
        return read(hubFile()).map(value -> new Token(value, hubFile().toString()));
    }

    /** The token's value, or null (anonymous requests: public Spaces only). */
    public String tokenValue() {
        return token().map(Token::value).orElse(null);
    }

    /** Keeps {@code token} in Tether's secrets (0700 folder, 0600 file). */
    public void store(String token) {
        Path file = storedFile();
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            AtomicFiles.write(file, (token.strip() + "\n").getBytes(StandardCharsets.UTF_8), AtomicFiles.ownerOnly());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "hf.error.tokenWrite", file, e.getMessage());
        }
    }

    public Path storedFile() {
        return environment.secretsDir().resolve("hf.token");
    }

    /** huggingface_hub's token file: {@code $HF_HOME/token}, default {@code ~/.cache/huggingface/token}. */
    public Path hubFile() {
        String hfHome = environment.variable("HF_HOME");
        Path home = hfHome != null ? Path.of(hfHome) : environment.userHome().resolve(".cache/huggingface");
        return home.resolve("token");
    }

    private static Optional<String> read(Path file) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "hf.error.tokenRead", file, e.getMessage());
        }
    }
}
