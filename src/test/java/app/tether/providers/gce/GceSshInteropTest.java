package app.tether.providers.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.GceInstance;
import app.tether.inventory.SshServer;
import app.tether.providers.NotebookAccess;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.EnglishMessages;
import app.tether.testing.OpenSshServer;
import app.tether.testing.RecordingProgress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reaching a VM: the key into ssh-keys (as gcloud), the real sshd at the VM's natIP, host keys as compute.ID. */
@ExtendWith(EnglishMessages.class)
class GceSshInteropTest {
    private static final String P = GceTestbed.PROJECT;
    private static final String Z = GceTestbed.ZONE;
    private static final String USER = OpenSshServer.user();

    @TempDir
    Path dir;
    private GceTestbed bed;
    private ComputeStandIn compute;
    private VmSshd vm;
    private Environment environment;
    private GceProvider provider;

    @BeforeEach
    void start() throws Exception {
        bed = GceTestbed.start(dir);
        compute = bed.compute();
        vm = VmSshd.start(dir.resolve("sshd"), compute, USER);
        environment = vm.tell(bed.environment().withVariable("USER", USER));
        provider = new GceProvider(environment);
    }

    @AfterEach
    void stop() throws Exception {
        vm.close();
        bed.close();
    }

    private static GceInstance target() {
        return new GceInstance("nb", P, Z, "nb-1", List.of(), "", null);
    }

    private SshSessions sessions(HostKeyPolicy policy) {
        return new SshSessions(environment, policy, SshPrompts.NONE, Duration.ofSeconds(10), null);
    }

    @Test
    void aRunningVmBecomesAnSshTargetWithTheKeyAddedToItsMetadataAsGcloudDoes() throws Exception {
        ObjectNode instance = compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        ((com.fasterxml.jackson.databind.node.ArrayNode) instance.get("metadata").get("items")).addObject()
                .put("key", "ssh-keys").put("value", "alice:ssh-rsa AAAAB3Nza alice");
        // Someone else changes the metadata between Tether's read and its write: one 412, then a fresh read.
        compute.failNext("POST", ".*/instances/nb-1/setMetadata", 412, "conditionNotMet",
                "Supplied fingerprint does not match current metadata fingerprint.");
        RecordingProgress progress = new RecordingProgress();

        SshServer server = ((NotebookAccess.OverSsh) provider.access(target(), progress)).server();

        assertEquals(vm.sshd().host(), server.host());
        assertEquals(USER, server.user());
        assertEquals("compute." + instance.get("id").asText(), server.hostKeyAlias());
        Path key = environment.secretsDir().resolve("gce_ed25519");
        assertEquals(key.toString(), server.identityFile());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(8888, server.jupyter().portOrDefault(), "not a DL VM: Tether's own Jupyter port");
        String sshKeys = compute.instance(P, Z, "nb-1").get("metadata").get("items").findValuesAsText("value")
                .stream().filter(v -> v.contains("alice")).findFirst().orElseThrow();
        String pub = Files.readString(Path.of(key + ".pub")).strip();
        String[] fields = pub.split(" ");
        assertEquals("alice:ssh-rsa AAAAB3Nza alice\n" + USER + ":" + fields[0] + " " + fields[1] + " " + USER, sshKeys);
        assertEquals(2, compute.requests().stream().filter(r -> r.path().endsWith("/setMetadata")).count());
        assertTrue(progress.lines().contains("Adding the SSH key of " + USER + " to \"nb\" (instance metadata ssh-keys)…"));

        try (SshSessions sessions = sessions(HostKeyPolicy.ACCEPT_NEW)) {
            assertEquals("hi\n", sessions.shell(server).capture(List.of("echo", "hi"), Duration.ofSeconds(10)).stdout());
        }
        String knownHosts = Files.readString(environment.knownHosts());
        assertTrue(knownHosts.startsWith("compute." + instance.get("id").asText() + " "), knownHosts);

        provider.access(target(), progress);
        assertEquals(2, compute.requests().stream().filter(r -> r.path().endsWith("/setMetadata")).count(),
                "a key already there is not added again");
    }

    @Test
    void aVmRecreatedUnderTheSameNameIsANewInstanceAskedAboutAgainNotARefusedChangedKey() throws Exception {
        compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        SshServer first = ((NotebookAccess.OverSsh) provider.access(target(), new RecordingProgress())).server();
        try (SshSessions sessions = sessions(HostKeyPolicy.ACCEPT_NEW)) {
            sessions.session(first);
        }
        compute.remove(P, Z, "nb-1");
        ObjectNode recreated = compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        vm.sshd().stop();
        vm.sshd().regenerateHostKeys();
        vm.sshd().restart();
        RecordingProgress progress = new RecordingProgress();

        SshServer second = ((NotebookAccess.OverSsh) provider.access(target(), progress)).server();

        assertEquals("compute." + recreated.get("id").asText(), second.hostKeyAlias());
        assertTrue(progress.lines().stream().anyMatch(l -> l.startsWith("\"nb\" is a new VM under the same name"
                + " (instance id " + first.hostKeyAlias().substring(8) + " is now " + recreated.get("id").asText())),
                progress.lines().toString());
        try (SshSessions sessions = sessions(HostKeyPolicy.REFUSE_UNKNOWN)) {
            TetherException e = assertThrows(TetherException.class, () -> sessions.session(second));
            assertEquals(ErrorCode.HOST_KEY_REFUSED, e.code());
            assertEquals("error.hostKey.unknown", e.messageKey(), "unknown (ask again), not changed (attack)");
        }
    }

    @Test
    void gcloudsOwnKeyIsUsedWhenItExists() throws Exception {
        compute.addInstance(P, Z, "nb-1", "n1-standard-4", null, 0, true, "RUNNING");
        Path ssh = Files.createDirectories(environment.sshDir());
        Path generated = OpenSshServer.generateKey(ssh, "ed25519", "");
        Files.move(generated, ssh.resolve("google_compute_engine"));
        Files.move(Path.of(generated + ".pub"), ssh.resolve("google_compute_engine.pub"));

        SshServer server = ((NotebookAccess.OverSsh) provider.access(target(), new RecordingProgress())).server();

        assertEquals(ssh.resolve("google_compute_engine").toString(), server.identityFile());
        try (SshSessions sessions = sessions(HostKeyPolicy.ACCEPT_NEW)) {
            assertEquals("ok\n", sessions.shell(server).capture(List.of("echo", "ok"), Duration.ofSeconds(10)).stdout());
        }
    }

    @Test
    void osLoginStoppedAndAddresslessVmsGetClearMessages() throws Exception {
        ObjectNode osLogin = compute.addInstance(P, Z, "nb-1", "n1-standard-4", null, 0, true, "RUNNING");
        ((com.fasterxml.jackson.databind.node.ArrayNode) osLogin.get("metadata").get("items")).addObject()
                .put("key", "enable-oslogin").put("value", "TRUE");
        TetherException os = assertThrows(TetherException.class, () -> provider.access(target(), new RecordingProgress()));
        assertTrue(os.getLocalizedMessage().contains("Tether does not support OS Login yet"), os.getLocalizedMessage());

        compute.addInstance(P, Z, "off", "n1-standard-4", null, 0, true, "TERMINATED");
        TetherException stopped = assertThrows(TetherException.class, () -> provider.access(
                new GceInstance("off", P, Z, "off", List.of(), "", null), new RecordingProgress()));
        assertEquals("\"off\" is not running (Compute Engine says TERMINATED); start it first.",
                stopped.getLocalizedMessage());
    }

    @Test
    void aDeepLearningVmsJupyterLabOn8080IsReused() throws Exception {
        ObjectNode dl = compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        ((com.fasterxml.jackson.databind.node.ArrayNode) dl.get("metadata").get("items")).addObject()
                .put("key", "proxy-mode").put("value", "project_editors");
        SshServer server = ((NotebookAccess.OverSsh) provider.access(target(), new RecordingProgress())).server();
        assertEquals(8080, server.jupyter().portOrDefault());
    }
}
