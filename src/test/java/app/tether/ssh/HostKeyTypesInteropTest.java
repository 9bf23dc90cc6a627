package app.tether.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * known_hosts holding only keys of other types than the one a server presents: a changed host, refused with
 * both fingerprints (as OpenSSH does), and never "unknown" to be trusted by --accept-new-host-key.
 */
@ExtendWith(EnglishMessages.class)
@Tag("interop")
class HostKeyTypesInteropTest {
    @TempDir
    Path dir;

    private SshTestbed bed;

    @AfterEach
    void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    private CliRunner cliKnowing(String type) throws Exception {
        Path knownHosts = bed.environment().knownHosts();
        Files.write(knownHosts, bed.server().knownHostsLines().stream().filter(l -> l.contains(" " + type + " "))
                .toList());
        CliRunner cli = CliRunner.withTestSessions(bed.environment());
        assertEquals(0, cli.run("add", "ssh", "gpu", "--host", "127.0.0.1", "--port",
                String.valueOf(bed.server().port()), "--user", OpenSshServer.user(), "--identity",
                bed.key().toString()), cli.err());
        return cli;
    }

    private String fingerprint(String file) throws Exception {
        return KnownHosts.fingerprint(Files.readString(bed.server().dir().resolve(file)).strip().split(" ")[1]);
    }

    @Test
    void aServerThatNowOffersOnlyAnotherKeyTypeIsAChangedHost() throws Exception {
        bed = SshTestbed.start(dir, "HostKeyAlgorithms rsa-sha2-512,rsa-sha2-256");
        CliRunner cli = cliKnowing("ssh-ed25519");
        List<String> before = Files.readAllLines(bed.environment().knownHosts());

        assertEquals(4, cli.run("exec", "gpu", "--", "true"));
        String ed25519 = fingerprint("ssh_host_ed25519_key.pub");
        String rsa = fingerprint("ssh_host_rsa_key.pub");
        assertTrue(cli.err().contains("CHANGED") && cli.err().contains(ed25519) && cli.err().contains(rsa),
                cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());

        assertEquals(4, cli.run("--accept-new-host-key", "exec", "gpu", "--", "true"));
        assertTrue(cli.err().contains("CHANGED"), cli.err());
        assertEquals(before, Files.readAllLines(bed.environment().knownHosts()));
    }

    @Test
    void aHostKnownByOneTypeIsAskedForThatTypeFirst() throws Exception {
        // MINA on its own prefers ECDSA; OpenSSH asks for the types it knows first, and so does Tether.
        bed = SshTestbed.start(dir);
        for (String type : List.of("ssh-ed25519", "ssh-rsa")) {
            CliRunner cli = cliKnowing(type);
            assertEquals(0, cli.run("exec", "gpu", "--", "true"), type + ": " + cli.err());
            assertEquals(0, cli.run("remove", "gpu"), cli.err());
        }
    }
}
