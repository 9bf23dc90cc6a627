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
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;

/**
 * An OpenSSH known_hosts file: plain and hashed ({@code |1|salt|hash}) host fields, {@code [host]:port}
 * for ports other than 22, wildcards and negations, {@code @revoked} markers, several keys per host.
 *
 * <p>Each line is parsed and matched by MINA's {@link KnownHostEntry} (hashed hosts, patterns, negation,
 * markers). MINA falls short in two ways, so the file is still read here line by line: its file parser gives
 * up on the whole file at the first line it cannot parse (OpenSSH skips such a line and goes on), and its
 * entries do not keep their line numbers, which the "changed key" message needs to say which line to remove.
 * Appending and hashing a new line stay here too: MINA has no writer that keeps the user's file as it is.
 */
public final class KnownHosts {
    /** What the file says about a host key. */
    public enum Verdict { TRUSTED, UNKNOWN, CHANGED, REVOKED }

    /** One key line: where it is and what it holds (MINA's parse of it). */
    record Entry(int lineNumber, KnownHostEntry parsed, String keyType, String keyBase64) {
        String marker() {
            String marker = parsed.getMarker();
            return marker == null || marker.isEmpty() ? null : "@" + marker;
        }
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
            KnownHostEntry parsed;
            try {
                parsed = KnownHostEntry.parseKnownHostEntry(line);
            } catch (RuntimeException e) {
                parsed = null;
            }
            if (parsed == null || parsed.getKeyEntry() == null) {
                continue; // as OpenSSH: a line that cannot be read is skipped, the rest of the file still counts
            }
            AuthorizedKeyEntry key = parsed.getKeyEntry();
            entries.add(new Entry(i + 1, parsed, key.getKeyType(),
                    Base64.getEncoder().encodeToString(key.getKeyData())));
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

    /**
     * The same for a name as written in the file ({@link #hostField} or a HostKeyAlias). As OpenSSH: a host with
     * keys of other types known but none of the offered type is a CHANGED host (the match holds one of those
     * keys), never an unknown one that could be trusted on first use.
     */
    public Match lookup(String name, String keyType, String keyBase64) {
        Entry changed = null;
        Entry otherType = null;
        Entry trusted = null;
        for (Entry entry : entries) {
            if (!hostMatches(entry, name)) {
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
            } else if (entry.keyType().equals(keyType)) {
                changed = changed == null ? entry : changed;
            } else {
                otherType = otherType == null ? entry : otherType;
            }
        }
        if (trusted != null) {
            return new Match(Verdict.TRUSTED, trusted);
        }
        if (changed != null || otherType != null) {
            return new Match(Verdict.CHANGED, changed != null ? changed : otherType);
        }
        return new Match(Verdict.UNKNOWN, null);
    }

    /** The key types the file holds for {@code name} (not revoked), most preferred first as they appear. */
    public List<String> keyTypes(String name) {
        List<String> types = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.marker() == null && hostMatches(entry, name) && !types.contains(entry.keyType())) {
                types.add(entry.keyType());
            }
        }
        return types;
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

    /** Whether the line is about {@code name} ({@code host} or {@code [host]:port}), decided by MINA. */
    private static boolean hostMatches(Entry entry, String name) {
        String host = name;
        int port = 22;
        java.util.regex.Matcher bracketed = BRACKETED.matcher(name);
        if (bracketed.matches()) {
            host = bracketed.group(1);
            port = Integer.parseInt(bracketed.group(2));
        }
        return entry.parsed().isHostMatch(host, port);
    }

    private static final java.util.regex.Pattern BRACKETED = java.util.regex.Pattern.compile("\\[(.*)]:(\\d{1,5})");

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
