package app.tether.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.ssh.KnownHosts.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {
    private static final String ED_A = "AAAAC3NzaC1lZDI1NTE5AAAAIMvNQTTs6dV0gVbGQb8/5dlM6Vu0jHqfHkMM1ev4mYBd";
    private static final String ED_B = "AAAAC3NzaC1lZDI1NTE5AAAAIPr5QqeIw6MqtGWtfBeMpoT7Qp4XhZy4CRBSsKIZ9cOa";
    private static final String RSA = "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7";

    @TempDir
    Path dir;

    private KnownHosts file(String... lines) throws Exception {
        Path path = dir.resolve("known_hosts");
        Files.write(path, java.util.List.of(lines));
        return KnownHosts.read(path);
    }

    @Test
    void portTwentyTwoIsPlainOtherPortsAreBracketed() throws Exception {
        KnownHosts known = file("gpu.example ssh-ed25519 " + ED_A, "[gpu.example]:2222 ssh-ed25519 " + ED_B);
        assertEquals(Verdict.TRUSTED, known.lookup("gpu.example", 22, "ssh-ed25519", ED_A).verdict());
        assertEquals(Verdict.CHANGED, known.lookup("gpu.example", 22, "ssh-ed25519", ED_B).verdict());
        assertEquals(Verdict.TRUSTED, known.lookup("GPU.example", 2222, "ssh-ed25519", ED_B).verdict());
        assertEquals(Verdict.UNKNOWN, known.lookup("gpu.example", 2200, "ssh-ed25519", ED_B).verdict());
    }

    @Test
    void severalKeysPerHostAndAKeyOfAnotherTypeIsAChange() throws Exception {
        KnownHosts known = file("# comment", "", "h ssh-rsa " + RSA, "h,alias ssh-ed25519 " + ED_A);
        assertEquals(Verdict.TRUSTED, known.lookup("alias", 22, "ssh-ed25519", ED_A).verdict());
        assertEquals(Verdict.TRUSTED, known.lookup("h", 22, "ssh-rsa", RSA).verdict());
        // As OpenSSH: known keys of other types only means the host changed, not that it is new.
        KnownHosts.Match otherType = known.lookup("h", 22, "ecdsa-sha2-nistp256", ED_B);
        assertEquals(Verdict.CHANGED, otherType.verdict());
        assertEquals(3, otherType.entry().lineNumber());
        assertEquals(Verdict.UNKNOWN, known.lookup("elsewhere", 22, "ecdsa-sha2-nistp256", ED_B).verdict());
        assertEquals(java.util.List.of("ssh-rsa", "ssh-ed25519"), known.keyTypes("h"));
        KnownHosts.Match changed = known.lookup("h", 22, "ssh-ed25519", ED_B);
        assertEquals(Verdict.CHANGED, changed.verdict());
        assertEquals(4, changed.entry().lineNumber());
    }

    @Test
    void wildcardsNegationsAndRevokedMarkers() throws Exception {
        KnownHosts known = file("*.lab,!bad.lab ssh-ed25519 " + ED_A, "@revoked * ssh-ed25519 " + ED_B);
        assertEquals(Verdict.TRUSTED, known.lookup("gpu1.lab", 22, "ssh-ed25519", ED_A).verdict());
        assertEquals(Verdict.UNKNOWN, known.lookup("bad.lab", 22, "ssh-ed25519", ED_A).verdict());
        assertEquals(Verdict.REVOKED, known.lookup("gpu1.lab", 22, "ssh-ed25519", ED_B).verdict());
        assertNull(known.lookup("other", 22, "ssh-ed25519", ED_A).entry());
    }

    @Test
    void hashedEntriesMatchOnlyTheirHost() throws Exception {
        byte[] salt = new byte[20];
        String hashed = KnownHosts.hash("[10.0.0.5]:2222", salt);
        assertEquals("|1|" + Base64.getEncoder().encodeToString(salt) + "|", hashed.substring(0, 32));
        KnownHosts known = file(hashed + " ssh-ed25519 " + ED_A);
        assertEquals(Verdict.TRUSTED, known.lookup("10.0.0.5", 2222, "ssh-ed25519", ED_A).verdict());
        assertEquals(Verdict.UNKNOWN, known.lookup("10.0.0.5", 22, "ssh-ed25519", ED_A).verdict());
    }

    @Test
    void appendAddsAMissingNewlineFirstAndCreatesTheFile() throws Exception {
        Path path = dir.resolve("sub/known_hosts");
        assertEquals("[h]:2222 ssh-ed25519 " + ED_A, KnownHosts.append(path, "h", 2222, "ssh-ed25519", ED_A, false));
        Files.writeString(path, "x ssh-ed25519 " + ED_B, java.nio.file.StandardOpenOption.APPEND);
        String hashed = KnownHosts.append(path, "h", 22, "ssh-ed25519", ED_A, true);
        assertTrue(hashed.startsWith("|1|"));
        assertEquals("[h]:2222 ssh-ed25519 " + ED_A + "\nx ssh-ed25519 " + ED_B + "\n" + hashed + "\n",
                Files.readString(path));
        assertEquals(Verdict.TRUSTED, KnownHosts.read(path).lookup("h", 22, "ssh-ed25519", ED_A).verdict());
    }

    @Test
    void fingerprintIsOpenSshStyle() {
        assertTrue(KnownHosts.fingerprint(ED_A).matches("SHA256:[A-Za-z0-9+/]{43}"));
    }
}
