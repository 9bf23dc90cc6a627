package app.tether.providers.gce;

import app.tether.core.AtomicFiles;
import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The key Tether logs in to VMs with: gcloud's own {@code ~/.ssh/google_compute_engine} when gcloud made one,
 * else a Tether Ed25519 key kept in Tether's secrets folder (0700; the private half 0600).
 */
public record GceSshKey(Path privateKey, String keyType, String keyBase64) {
    static final String GCLOUD_KEY = "google_compute_engine";
    static final String TETHER_KEY = "gce_ed25519";

    /** The key to use in {@code environment}, made on first use when gcloud has none. */
    public static GceSshKey find(Environment environment) {
        Path gcloud = environment.sshDir().resolve(GCLOUD_KEY);
        if (Files.isRegularFile(gcloud) && Files.isRegularFile(pub(gcloud))) {
            return read(gcloud);
        }
        Path own = environment.secretsDir().resolve(TETHER_KEY);
        synchronized (GceSshKey.class) {
            if (!Files.isRegularFile(own) || !Files.isRegularFile(pub(own))) {
                generate(own);
            }
        }
        return read(own);
    }

    /** The {@code ssh-keys} metadata line gcloud writes for this key: {@code USER:TYPE BASE64 USER}. */
    public String metadataLine(String user) {
        return user + ":" + keyType + " " + keyBase64 + " " + user;
    }

    /** Whether {@code sshKeys} (the metadata value) already lets {@code user} log in with this key. */
    public boolean authorizedIn(String sshKeys, String user) {
        if (sshKeys == null) {
            return false;
        }
        for (String line : sshKeys.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 2 && fields[0].equals(user + ":" + keyType) && fields[1].equals(keyBase64)) {
                return true;
            }
        }
        return false;
    }

    private static Path pub(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    private static GceSshKey read(Path key) {
        try {
            String[] fields = Files.readString(pub(key), StandardCharsets.UTF_8).strip().split("\\s+");
            if (fields.length < 2) {
                throw new TetherException(ErrorCode.INVALID, "gce.error.key.bad", pub(key));
            }
            return new GceSshKey(key, fields[0], fields[1]);
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "gce.error.key.io", pub(key), String.valueOf(e.getMessage()));
        }
    }

    private static void generate(Path key) {
        try {
            Path dir = key.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            ByteArrayOutputStream privatePart = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "tether-gce", null, privatePart);
            AtomicFiles.write(key, privatePart.toByteArray(), AtomicFiles.ownerOnly());
            AtomicFiles.write(pub(key), (PublicKeyEntry.toString(pair.getPublic()) + " tether-gce\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException | GeneralSecurityException e) {
            throw new TetherException(ErrorCode.IO, e, "gce.error.key.io", key, String.valueOf(e.getMessage()));
        }
    }
}
