package app.tether.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private keys of one hop (OpenSSH and PEM formats: Ed25519, ECDSA, RSA), loaded lazily in order, so a
 * passphrase is asked only when the agent and earlier keys did not get in. Passphrases that worked are
 * kept in {@code passphrases} (memory only, per key file) for the life of the {@link SshSessions}.
 */
final class IdentityFiles implements KeyIdentityProvider {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityFiles.class);
    private static final int PASSPHRASE_ATTEMPTS = 3;

    private final List<Path> files;
    private final Map<Path, char[]> passphrases;
    private final ConnectAttempt attempt;

    IdentityFiles(List<Path> files, Map<Path, char[]> passphrases, ConnectAttempt attempt) {
        this.files = files;
        this.passphrases = passphrases;
        this.attempt = attempt;
    }

    @Override
    public Iterable<KeyPair> loadKeys(SessionContext session) {
        return () -> new Iterator<>() {
            private int next;
            private Iterator<KeyPair> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < files.size()) {
                    current = load(session, files.get(next++)).iterator();
                }
                return current.hasNext();
            }

            @Override
            public KeyPair next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private List<KeyPair> load(SessionContext session, Path file) {
        if (Files.isDirectory(file)) {
            attempt.keyProblem(file, app.tether.core.Messages.get("error.io.isDirectory"));
            return List.of();
        }
        if (!Files.isRegularFile(file)) {
            LOG.debug("No identity file {}", file);
            return List.of();
        }
        Path key = file.toAbsolutePath().normalize();
        Asker asker = new Asker(key);
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(session, new PathResource(file), in, asker);
            List<KeyPair> loaded = new ArrayList<>();
            if (pairs != null) {
                pairs.forEach(loaded::add);
            }
            if (loaded.isEmpty() && !asker.asked) {
                attempt.keyProblem(file, app.tether.core.Messages.get("error.ssh.keyFormat"));
            }
            return loaded;
        } catch (IOException e) {
            LOG.info("Cannot use identity file {}: {}", file, e.toString());
            if (!asker.asked) {
                attempt.keyProblem(file, app.tether.core.IoReasons.of(e));
            }
            return List.of();
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.info("Cannot use identity file {}: {}", file, e.toString());
            if (!asker.asked) {
                attempt.keyProblem(file, app.tether.core.Messages.get("error.ssh.keyFormat"));
            }
            return List.of();
        }
    }

    /** Asks for one key's passphrase (cached first), up to three times, and caches the one that worked. */
    private final class Asker implements FilePasswordProvider {
        private final Path key;
        private char[] offered;
        /** Whether a passphrase was asked for: the file was a key, so failing to use it is not a read problem. */
        private boolean asked;

        Asker(Path key) {
            this.key = key;
        }

        @Override
        public String getPassword(SessionContext session, NamedResource resource, int retryIndex) {
            char[] cached = passphrases.get(key);
            if (retryIndex == 0 && cached != null) {
                offered = cached.clone();
                return new String(cached);
            }
            asked = true;
            Optional<char[]> answer = attempt.prompting(() -> attempt.prompts().passphrase(key.toString()), Optional.empty());
            if (answer.isEmpty()) {
                offered = null;
                return null;
            }
            offered = answer.get();
            return new String(offered);
        }

        @Override
        public ResourceDecodeResult handleDecodeAttemptResult(SessionContext session, NamedResource resource,
                int retryIndex, String password, Exception err) {
            if (err == null) {
                if (offered != null) {
                    passphrases.put(key, offered);
                }
                return null;
            }
            if (offered != null) {
                Arrays.fill(offered, '\0');
            }
            passphrases.remove(key);
            if (password == null || retryIndex + 1 >= PASSPHRASE_ATTEMPTS) {
                return ResourceDecodeResult.IGNORE;
            }
            return ResourceDecodeResult.RETRY;
        }
    }
}
