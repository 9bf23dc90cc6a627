package app.tether.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An OpenSSH known_hosts file: plain and hashed ({@code |1|salt|hash}) host fields, {@code [host]:port}
 * for ports other than 22, wildcards and negations, {@code @revoked} markers, several keys per host.
 */
public final class KnownHosts {
    /** What the file says about a host key. */
    public enum Verdict { TRUSTED, UNKNOWN, CHANGED, REVOKED }

    /** One key line: where it is and what it holds. */
    record Entry(int lineNumber, String marker, String hosts, String keyType, String keyBase64) {
    }

    /** The answer for one host and key; {@code entry} is the line that decided it (null when UNKNOWN). */
    public record Match(Verdict verdict, Entry entry) {
    }

    private final Path file;
    private final List<Entry> entries;

    private KnownHosts(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Reads {@code file}; a missing file knows no hosts. */
    public static KnownHosts read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            int at = 0;
            String marker = null;
            if (fields[0].startsWith("@")) {
                marker = fields[0];
                at = 1;
            }
            if (fields.length < at + 3) {
                continue;
            }
            entries.add(new Entry(i + 1, marker, fields[at], fields[at + 1], fields[at + 2]));
        }
        return new KnownHosts(file, entries);
    }

    public Path file() {
        return file;
    }

    /** The name OpenSSH looks up: {@code host} for port 22, else {@code [host]:port}. */
    public static String hostField(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return port == 22 ? lower : "[" + lower + "]:" + port;
    }

    /** What the file says about {@code keyType keyBase64} presented by {@code host:port}. */
    public Match lookup(String host, int port, String keyType, String keyBase64) {
        return lookup(hostField(host, port), keyType, keyBase64);
    }

    /** The same for a name as written in the file ({@link #hostField} or a HostKeyAlias). */
    public Match lookup(String name, String keyType, String keyBase64) {
        Entry changed = null;
        Entry trusted = null;
        for (Entry entry : entries) {
            if (!hostMatches(entry.hosts(), name)) {
                continue;
            }
            boolean sameKey = entry.keyType().equals(keyType) && entry.keyBase64().equals(keyBase64);
            if ("@revoked".equals(entry.marker())) {
                if (sameKey) {
                    return new Match(Verdict.REVOKED, entry);
                }
                continue;
            }
            if (entry.marker() != null) {
                continue; // @cert-authority: Tether does not use host certificates
            }
            if (sameKey) {
                trusted = trusted == null ? entry : trusted;
            } else if (entry.keyType().equals(keyType) && changed == null) {
                changed = entry;
            }
        }
        if (trusted != null) {
            return new Match(Verdict.TRUSTED, trusted);
        }
        return changed != null ? new Match(Verdict.CHANGED, changed) : new Match(Verdict.UNKNOWN, null);
    }

    /** Appends a key line as OpenSSH does (hashed host field when {@code hashed}); creates the file when needed. */
    public static String append(Path file, String host, int port, String keyType, String keyBase64, boolean hashed)
            throws IOException {
        return append(file, hostField(host, port), keyType, keyBase64, hashed);
    }

    /** Appends a key line for {@code name} as written in the file ({@link #hostField} or a HostKeyAlias). */
    public static String append(Path file, String name, String keyType, String keyBase64, boolean hashed)
            throws IOException {
        String line = (hashed ? hash(name, randomSalt()) : name) + " " + keyType + " " + keyBase64;
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
        String prefix = "";
        if (Files.exists(file) && Files.size(file) > 0) {
            byte[] bytes = Files.readAllBytes(file);
            prefix = bytes[bytes.length - 1] == '\n' ? "" : "\n";
        }
        Files.writeString(file, prefix + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return line;
    }

    /** {@code SHA256:} plus the unpadded base64 of the key blob's SHA-256, as {@code ssh-keygen -l} prints. */
    public static String fingerprint(String keyBase64) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(keyBase64));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "SHA256:?";
        }
    }

    static boolean hostMatches(String hostsField, String name) {
        if (hostsField.startsWith("|1|")) {
            String[] parts = hostsField.split("\\|");
            if (parts.length != 4) {
                return false;
            }
            try {
                return hash(name, Base64.getDecoder().decode(parts[2])).equals(hostsField);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        boolean matched = false;
        for (String pattern : hostsField.split(",")) {
            boolean negated = pattern.startsWith("!");
            String glob = negated ? pattern.substring(1) : pattern;
            if (SshConfigFile.globMatches(glob, name)) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    static String hash(String name, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] hash = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    private static byte[] randomSalt() {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        return salt;
    }
}
