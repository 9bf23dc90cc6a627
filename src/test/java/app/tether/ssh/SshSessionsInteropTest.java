package app.tether.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.testing.EnglishMessages;
import app.tether.testing.Interop;
import app.tether.testing.OpenSshServer;
import app.tether.testing.ScriptedPrompts;
import app.tether.testing.SshTestbed;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** SshSessions against real OpenSSH: key types, passphrases, agent, ProxyJump, host keys, failures. */
@ExtendWith(EnglishMessages.class)
@Tag("interop")
class SshSessionsInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private SshTestbed testbed(String... extraSshdConfig) throws Exception {
        SshTestbed testbed = SshTestbed.start(dir.resolve("bed" + closing.size()), extraSshdConfig);
        closing.add(testbed);
        return testbed;
    }

    private SshSessions sessions(Environment env, HostKeyPolicy policy, SshPrompts prompts) {
        return sessions(env, policy, prompts, null);
    }

    private SshSessions sessions(Environment env, HostKeyPolicy policy, SshPrompts prompts, Path agent) {
        SshSessions sessions = new SshSessions(env, policy, prompts, Duration.ofSeconds(10), agent);
        closing.add(sessions);
        return sessions;
    }

    private static String whoami(SshSessions sessions, SshServer target) {
        return sessions.shell(target).capture(List.of("echo", "in"), TIMEOUT).stdout().strip();
    }

    /** A new key pair in {@code dir/name}, authorized on the testbed's sshd. */
    private Path authorizedKey(SshTestbed bed, String name, String type, String passphrase, String... keygenOptions)
            throws Exception {
        Path key = OpenSshServer.generateKey(dir.resolve(name), type, passphrase, keygenOptions);
        bed.server().authorize(Path.of(key + ".pub"));
        return key;
    }

    private static SshServer withKey(SshTestbed bed, Path key) {
        return SshServer.ofHost("t", "127.0.0.1", OpenSshServer.user(), bed.server().port(), key.toString(), null);
    }

    @Test
    void logsInWithEveryKeyTypeAndFormat() throws Exception {
        SshTestbed bed = testbed();
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        List<Path> keys = List.of(
                OpenSshServer.generateKey(dir.resolve("k1"), "ed25519", ""),
                OpenSshServer.generateKey(dir.resolve("k2"), "ecdsa", ""),
                OpenSshServer.generateKey(dir.resolve("k3"), "rsa", ""),
                OpenSshServer.generateKey(dir.resolve("k4"), "rsa", "", "-m", "PEM"),
                OpenSshServer.generateKey(dir.resolve("k5"), "ecdsa", "", "-m", "PEM"),
                OpenSshServer.generateKey(dir.resolve("k6"), "rsa", "", "-m", "PKCS8"));
        assertTrue(Files.readString(keys.get(3)).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        for (Path key : keys) {
            bed.server().authorize(Path.of(key + ".pub"));
            SshServer target = SshServer.ofHost(key.getParent().getFileName().toString(), "127.0.0.1",
                    OpenSshServer.user(), bed.server().port(), key.toString(), null);
            assertEquals("in", whoami(sessions, target), key.toString());
        }
    }

    @Test
    void passphraseIsAskedOnceAndCachedForTheLifeOfTheSessions() throws Exception {
        SshTestbed bed = testbed();
        Path key = authorizedKey(bed, "pw", "ed25519", "correct horse");
        ScriptedPrompts prompts = new ScriptedPrompts().givingPassphrase("correct horse");
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, prompts);
        SshServer target = withKey(bed, key);
        assertEquals("in", whoami(sessions, target));
        sessions.invalidate(target.name());
        assertEquals("in", whoami(sessions, target));
        assertEquals(List.of(key.toString()), prompts.passphrasesAsked());
    }

    @Test
    void quietSessionsNeverPromptButUseWhatTheUserAlreadyAnswered() throws Exception {
        SshTestbed bed = testbed();
        Files.writeString(bed.environment().knownHosts(), "");
        Path key = authorizedKey(bed, "quiet", "ed25519", "open sesame");
        ScriptedPrompts prompts = new ScriptedPrompts().trustingNewHostKeys(true).givingPassphrase("open sesame");
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.ASK, prompts);
        SshServer target = withKey(bed, key);

        TetherException unknown = assertThrows(TetherException.class,
                () -> sessions.quietShell(target).capture(List.of("true"), TIMEOUT));
        assertEquals(ErrorCode.HOST_KEY_REFUSED, unknown.code());
        assertEquals("error.hostKey.declined", unknown.messageKey());
        assertEquals(0, prompts.hostKeysAsked().size() + prompts.passphrasesAsked().size());
        assertEquals("", Files.readString(bed.environment().knownHosts()));

        assertEquals("in", whoami(sessions, target)); // the user trusts the key and types the passphrase once
        assertEquals(2, prompts.hostKeysAsked().size() + prompts.passphrasesAsked().size());
        sessions.invalidate(target.name());
        assertEquals("in", sessions.quietShell(target).capture(List.of("echo", "in"), TIMEOUT).stdout().strip());
        assertEquals(2, prompts.hostKeysAsked().size() + prompts.passphrasesAsked().size());
    }

    @Test
    void passphraseProtectedPemKeysWork() throws Exception {
        SshTestbed bed = testbed();
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, new ScriptedPrompts().givingPassphrase("pem pass"));
        for (String type : List.of("rsa", "ecdsa")) {
            Path key = authorizedKey(bed, "pem" + type, type, "pem pass", "-m", "PEM");
            assertTrue(Files.readString(key).contains("ENCRYPTED"), Files.readString(key));
            assertEquals("in", whoami(sessions, SshServer.ofHost(type, "127.0.0.1", OpenSshServer.user(),
                    bed.server().port(), key.toString(), null)));
        }
    }

    @Test
    void wrongPassphraseFailsAuthentication() throws Exception {
        SshTestbed bed = testbed();
        Path key = authorizedKey(bed, "pw", "rsa", "correct horse");
        ScriptedPrompts prompts = new ScriptedPrompts().givingPassphrase("battery staple");
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, prompts);
        TetherException e = assertThrows(TetherException.class, () -> sessions.session(withKey(bed, key)));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
        assertTrue(e.getLocalizedMessage().contains("publickey"), e.getLocalizedMessage());
        assertEquals(3, prompts.passphrasesAsked().size());
    }

    @Test
    void cancelledPassphraseFailsAuthenticationWithoutAskingAgain() throws Exception {
        SshTestbed bed = testbed();
        Path key = authorizedKey(bed, "pw", "ecdsa", "correct horse");
        ScriptedPrompts prompts = new ScriptedPrompts().givingPassphrase(null);
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, prompts);
        TetherException e = assertThrows(TetherException.class, () -> sessions.session(withKey(bed, key)));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
        assertEquals(1, prompts.passphrasesAsked().size());
    }

    @Test
    void keyNotAuthorizedFailsNamingTheMethodsTried() throws Exception {
        SshTestbed bed = testbed();
        Path stranger = OpenSshServer.generateKey(dir.resolve("stranger"), "ed25519", "");
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        TetherException e = assertThrows(TetherException.class, () -> sessions.session(withKey(bed, stranger)));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
        assertEquals("error.ssh.authFailed", e.messageKey());
        assertTrue(e.getLocalizedMessage().contains("publickey"), e.getLocalizedMessage());
        assertTrue(e.getLocalizedMessage().contains(OpenSshServer.user()), e.getLocalizedMessage());
    }

    @Test
    void defaultIdentityFileIsUsedWhenNoneIsConfigured() throws Exception {
        SshTestbed bed = testbed();
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        SshServer target = SshServer.ofHost("t", "127.0.0.1", OpenSshServer.user(), bed.server().port(), null, null);
        assertEquals("in", whoami(sessions, target));
    }

    @Test
    void logsInWithAKeyHeldOnlyByTheAgent() throws Exception {
        SshTestbed bed = testbed();
        Path socket = agentHolding(bed, "ed25519");
        // A home without any key files: only the agent can log in.
        Path home = Files.createDirectories(dir.resolve("agenthome/.ssh")).getParent();
        Files.copy(bed.environment().knownHosts(), home.resolve(".ssh/known_hosts"));
        Environment env = new Environment(dir.resolve("agenttether"), home);
        SshServer target = SshServer.ofHost("t", "127.0.0.1", OpenSshServer.user(), bed.server().port(), null, null);

        TetherException without = assertThrows(TetherException.class,
                () -> sessions(env, HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE, null).session(target));
        assertEquals(ErrorCode.AUTH_FAILED, without.code());
        assertEquals("in", whoami(sessions(env, HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE, socket), target));

        // IdentitiesOnly: the agent's keys are not offered.
        Files.writeString(home.resolve(".ssh/config"), "Host *\n  IdentitiesOnly yes\n");
        TetherException only = assertThrows(TetherException.class,
                () -> sessions(env, HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE, socket).session(target));
        assertEquals(ErrorCode.AUTH_FAILED, only.code());
    }

    @Test
    void agentSignsWithRsaAndEcdsaKeysToo() throws Exception {
        SshTestbed bed = testbed();
        Path home = Files.createDirectories(dir.resolve("agenthome/.ssh")).getParent();
        Files.copy(bed.environment().knownHosts(), home.resolve(".ssh/known_hosts"));
        Environment env = new Environment(dir.resolve("agenttether"), home);
        SshServer target = SshServer.ofHost("t", "127.0.0.1", OpenSshServer.user(), bed.server().port(), null, null);
        for (String type : List.of("rsa", "ecdsa")) {
            Path socket = agentHolding(bed, type);
            assertEquals("in", whoami(sessions(env, HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE, socket), target),
                    type);
        }
    }

    /** Starts {@code ssh-agent -D -a SOCK} holding a new key of {@code type} (authorized on bed, deleted from disk). */
    private Path agentHolding(SshTestbed bed, String type) throws Exception {
        Interop.requireProgram("/usr/bin/ssh-agent");
        Interop.requireProgram("/usr/bin/ssh-add");
        Path key = authorizedKey(bed, "agentkey-" + type, type, "");
        Path socket = dir.resolve("agent-" + type + ".sock");
        Process agent = new ProcessBuilder("/usr/bin/ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + type + ".log").toFile()).start();
        closing.add(() -> {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        });
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        ProcessBuilder add = new ProcessBuilder("/usr/bin/ssh-add", key.toString()).redirectErrorStream(true);
        add.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process adding = add.start();
        String addOutput = new String(adding.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, adding.waitFor(), addOutput);
        Files.delete(key); // only the agent has it now
        return socket;
    }

    @Test
    void proxyJumpGoesThroughTheJumpHostAndChecksBothHostKeys() throws Exception {
        SshTestbed bed = testbed();
        OpenSshServer jump = OpenSshServer.start(dir.resolve("jumpsshd"));
        closing.add(jump);
        jump.authorize(Path.of(bed.key() + ".pub"));
        Path ssh = bed.environment().sshDir();
        Files.writeString(ssh.resolve("config"), String.join("\n",
                "Host gpu",
                "  HostName 127.0.0.1",
                "  Port " + bed.server().port(),
                "  User " + OpenSshServer.user(),
                "  IdentityFile ~/.ssh/id_ed25519",
                "  ProxyJump hop",
                "Host hop",
                "  HostName 127.0.0.1",
                "  Port " + jump.port(),
                "  User " + OpenSshServer.user(),
                ""));
        SshServer target = SshServer.ofAlias("gpu", "gpu");
        byte[] before = Files.readAllBytes(bed.environment().knownHosts());

        // The jump host's key is not known yet: refused, naming the jump host.
        TetherException e = assertThrows(TetherException.class,
                () -> sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE).session(target));
        assertEquals(ErrorCode.HOST_KEY_REFUSED, e.code());
        assertTrue(e.getLocalizedMessage().contains("[127.0.0.1]:" + jump.port()), e.getLocalizedMessage());
        assertArrayEquals(before, Files.readAllBytes(bed.environment().knownHosts()));

        Files.write(bed.environment().knownHosts(), jump.knownHostsLines(), java.nio.file.StandardOpenOption.APPEND);
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        assertConnectionComesFromSshd(sessions, target);
    }

    @Test
    void chainedJumpSpecWithUserAndPortIsFollowed() throws Exception {
        SshTestbed bed = testbed();
        OpenSshServer jump = OpenSshServer.start(dir.resolve("jumpsshd"));
        closing.add(jump);
        jump.authorize(Path.of(bed.key() + ".pub"));
        Files.write(bed.environment().knownHosts(), jump.knownHostsLines(), java.nio.file.StandardOpenOption.APPEND);
        String user = OpenSshServer.user();
        SshServer target = SshServer.ofHost("t", "127.0.0.1", user, bed.server().port(), bed.key().toString(),
                user + "@127.0.0.1:" + jump.port() + "," + user + "@127.0.0.1:" + jump.port());
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        assertConnectionComesFromSshd(sessions, target);
        String jumpLog = Files.readString(jump.dir().resolve("sshd.log"));
        assertEquals(2, jumpLog.lines().filter(l -> l.contains("Accepted publickey")).count(), jumpLog);
    }

    @Test
    void unknownHostKeyIsRefusedNamingFingerprintAndFlag() throws Exception {
        SshTestbed bed = testbed();
        Files.delete(bed.environment().knownHosts());
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        TetherException e = assertThrows(TetherException.class, () -> sessions.session(bed.target("gpu")));
        assertEquals(ErrorCode.HOST_KEY_REFUSED, e.code());
        assertEquals("error.hostKey.unknown", e.messageKey());
        assertTrue(e.getLocalizedMessage().contains("SHA256:"), e.getLocalizedMessage());
        assertTrue(e.getLocalizedMessage().contains("--accept-new-host-key"), e.getLocalizedMessage());
        assertFalse(Files.exists(bed.environment().knownHosts()));
    }

    @Test
    void acceptNewAppendsTheKeyAsOpenSshWouldAndThenItIsKnown() throws Exception {
        SshTestbed bed = testbed();
        Path knownHosts = bed.environment().knownHosts();
        Files.writeString(knownHosts, "# mine\nother.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMvNQTTs6dV0gVbGQb8/5dlM6Vu0jHqfHkMM1ev4mYBd");
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.ACCEPT_NEW, SshPrompts.NONE);
        assertEquals("in", whoami(sessions, bed.target("gpu")));
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("other.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMvNQTTs6dV0gVbGQb8/5dlM6Vu0jHqfHkMM1ev4mYBd",
                lines.get(1));
        assertTrue(bed.server().knownHostsLines().contains(lines.get(2)), lines.get(2));
        assertTrue(lines.get(2).startsWith("[127.0.0.1]:" + bed.server().port() + " "), lines.get(2));

        SshSessions strict = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        assertEquals("in", whoami(strict, bed.target("gpu")));
        assertEquals(lines, Files.readAllLines(knownHosts));
    }

    @Test
    void acceptNewWritesAHashedLineWhenTheUserHashesKnownHosts() throws Exception {
        SshTestbed bed = testbed();
        Path knownHosts = bed.environment().knownHosts();
        Files.delete(knownHosts);
        Files.writeString(bed.environment().sshConfig(), "Host *\n  HashKnownHosts yes\n");
        assertEquals("in", whoami(sessions(bed.environment(), HostKeyPolicy.ACCEPT_NEW, SshPrompts.NONE),
                bed.target("gpu")));
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("|1|"), lines.get(0));
        // OpenSSH's own tool finds the hashed entry.
        Process find = new ProcessBuilder("/usr/bin/ssh-keygen", "-F", "[127.0.0.1]:" + bed.server().port(),
                "-f", knownHosts.toString()).redirectErrorStream(true).start();
        String found = new String(find.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, find.waitFor(), found);
        assertTrue(found.contains(lines.get(0)), found);
    }

    @Test
    void askPolicyAsksAndRemembersTheAnswer() throws Exception {
        SshTestbed bed = testbed();
        Path knownHosts = bed.environment().knownHosts();
        Files.delete(knownHosts);
        ScriptedPrompts refusing = new ScriptedPrompts();
        SshSessions no = sessions(bed.environment(), HostKeyPolicy.ASK, refusing);
        TetherException e = assertThrows(TetherException.class, () -> no.session(bed.target("gpu")));
        assertEquals("error.hostKey.declined", e.messageKey());
        List<String> asked = refusing.hostKeysAsked();
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).startsWith("[127.0.0.1]:" + bed.server().port() + " "), asked.get(0));
        assertTrue(asked.get(0).contains(" SHA256:"), asked.get(0));
        assertFalse(Files.exists(knownHosts));

        SshSessions yes = sessions(bed.environment(), HostKeyPolicy.ASK, new ScriptedPrompts().trustingNewHostKeys(true));
        assertEquals("in", whoami(yes, bed.target("gpu")));
        assertEquals(1, Files.readAllLines(knownHosts).size());
    }

    @Test
    void changedHostKeyIsAlwaysRefusedAndKnownHostsLeftUntouched() throws Exception {
        SshTestbed bed = testbed();
        Path knownHosts = bed.environment().knownHosts();
        byte[] before = Files.readAllBytes(knownHosts);
        List<String> oldLines = bed.server().knownHostsLines();
        bed.server().regenerateHostKeys();
        bed.server().restart();
        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            SshSessions sessions = sessions(bed.environment(), policy, new ScriptedPrompts().trustingNewHostKeys(true));
            TetherException e = assertThrows(TetherException.class, () -> sessions.session(bed.target("gpu")));
            assertEquals(ErrorCode.HOST_KEY_REFUSED, e.code(), policy.name());
            assertEquals("error.hostKey.changed", e.messageKey());
            String message = e.getLocalizedMessage();
            // Whichever key type was negotiated: its old and new fingerprints and its line are named.
            int matched = 0;
            for (int i = 0; i < oldLines.size(); i++) {
                String oldFingerprint = KnownHosts.fingerprint(oldLines.get(i).split(" ")[2]);
                String newFingerprint = KnownHosts.fingerprint(bed.server().knownHostsLines().get(i).split(" ")[2]);
                if (message.contains(oldFingerprint) && message.contains(newFingerprint)
                        && message.contains("remove line " + (i + 1) + " of " + knownHosts + " ")) {
                    matched++;
                }
            }
            assertEquals(1, matched, message);
            assertArrayEquals(before, Files.readAllBytes(knownHosts));
        }
    }

    @Test
    void hashedKnownHostsEntriesAreTrusted() throws Exception {
        SshTestbed bed = testbed();
        Path knownHosts = bed.environment().knownHosts();
        Process hash = new ProcessBuilder("/usr/bin/ssh-keygen", "-H", "-f", knownHosts.toString())
                .redirectErrorStream(true).start();
        String output = new String(hash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, hash.waitFor(), output);
        assertTrue(Files.readString(knownHosts).startsWith("|1|"));
        byte[] before = Files.readAllBytes(knownHosts);
        assertEquals("in", whoami(sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE),
                bed.target("gpu")));
        assertArrayEquals(before, Files.readAllBytes(knownHosts));
    }

    @Test
    void hostKeyAliasIsUsedForKnownHosts() throws Exception {
        SshTestbed bed = testbed();
        Path knownHosts = bed.environment().knownHosts();
        Files.write(knownHosts, bed.server().knownHostsLines().stream()
                .map(line -> "gpu-alias" + line.substring(line.indexOf(' '))).toList());
        Files.writeString(bed.environment().sshConfig(), "Host g\n  HostName 127.0.0.1\n  Port " + bed.server().port()
                + "\n  User " + OpenSshServer.user() + "\n  HostKeyAlias gpu-alias\n");
        assertEquals("in", whoami(sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE),
                SshServer.ofAlias("g", "g")));
    }

    @Test
    void negotiatesAesGcmAndKeepsTheSessionAlive() throws Exception {
        SshTestbed bed = testbed();
        Files.writeString(bed.environment().sshConfig(), "Host g\n  HostName 127.0.0.1\n  Port " + bed.server().port()
                + "\n  User " + OpenSshServer.user() + "\n  ServerAliveInterval 7\n");
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        ClientSession fromConfig = sessions.session(SshServer.ofAlias("g", "g"));
        assertEquals("aes128-gcm@openssh.com",
                fromConfig.getNegotiatedKexParameter(org.apache.sshd.common.kex.KexProposalOption.C2SENC));
        assertEquals("aes128-gcm@openssh.com",
                fromConfig.getNegotiatedKexParameter(org.apache.sshd.common.kex.KexProposalOption.S2CENC));
        assertEquals(Duration.ofSeconds(7),
                org.apache.sshd.core.CoreModuleProperties.HEARTBEAT_INTERVAL.getRequired(fromConfig));
        ClientSession plain = sessions.session(bed.target("gpu"));
        assertEquals(Duration.ofSeconds(30),
                org.apache.sshd.core.CoreModuleProperties.HEARTBEAT_INTERVAL.getRequired(plain));
    }

    @Test
    void aServerThatNeverSpeaksTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Path home = Files.createDirectories(dir.resolve("home"));
            SshSessions sessions = new SshSessions(new Environment(dir.resolve("t"), home),
                    HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE, Duration.ofMillis(800), null);
            closing.add(sessions);
            SshServer target = SshServer.ofHost("silent", "127.0.0.1", "nobody", silent.getLocalPort(), null, null);
            TetherException e = assertThrows(TetherException.class, () -> sessions.session(target));
            assertEquals(ErrorCode.CANNOT_CONNECT, e.code());
            assertEquals("error.ssh.timeout", e.messageKey());
            assertTrue(e.getLocalizedMessage().contains("[127.0.0.1]:" + silent.getLocalPort()), e.getLocalizedMessage());
        }
    }

    @Test
    void refusedConnectionIsReportedAsSuch() throws Exception {
        int port = OpenSshServer.freePort();
        SshSessions sessions = sessions(new Environment(dir.resolve("t"), dir.resolve("home")),
                HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        TetherException e = assertThrows(TetherException.class,
                () -> sessions.session(SshServer.ofHost("x", "127.0.0.1", "nobody", port, null, null)));
        assertEquals(ErrorCode.CANNOT_CONNECT, e.code());
        assertEquals("error.ssh.refused", e.messageKey());
        assertTrue(e.getLocalizedMessage().contains("refused"), e.getLocalizedMessage());
    }

    @Test
    void unknownHostNameIsReportedAsDnsFailure() {
        SshSessions sessions = sessions(new Environment(dir.resolve("t"), dir.resolve("home")),
                HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        TetherException e = assertThrows(TetherException.class,
                () -> sessions.session(SshServer.ofHost("x", "no-such-host.invalid", "nobody", 22, null, null)));
        assertEquals(ErrorCode.CANNOT_CONNECT, e.code());
        assertEquals("error.ssh.unknownHost", e.messageKey());
        assertTrue(e.getLocalizedMessage().contains("no-such-host.invalid"));
    }

    @Test
    void twoThreadsAskingForOneTargetShareOneConnect() throws Exception {
        SshTestbed bed = testbed();
        CountDownLatch start = new CountDownLatch(1);
        SshSessions sessions = sessions(bed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE);
        SshServer target = bed.target("gpu");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ClientSession>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<ClientSession> ask = () -> {
                    start.await();
                    return sessions.session(target);
                };
                results.add(pool.submit(ask));
            }
            start.countDown();
            ClientSession first = results.get(0).get(30, TimeUnit.SECONDS);
            for (Future<ClientSession> result : results) {
                assertSame(first, result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        String log = Files.readString(bed.server().dir().resolve("sshd.log"));
        assertEquals(1, log.lines().filter(l -> l.contains("Accepted publickey")).count(), log);
    }

    /**
     * The target sees its client at {@code $SSH_CONNECTION}; on this one machine, {@code ss} tells which process
     * owns that client socket: the jump host's sshd (forwarding), not this JVM.
     */
    private static void assertConnectionComesFromSshd(SshSessions sessions, SshServer target) throws Exception {
        Interop.requireProgram("/usr/bin/ss");
        String[] connection = sessions.shell(target).capture(List.of("sh", "-c", "echo $SSH_CONNECTION"), TIMEOUT)
                .stdout().strip().split(" ");
        String clientPort = connection[1];
        Process ss = new ProcessBuilder("/usr/bin/ss", "-tnpH", "state", "established", "( sport = :" + clientPort + " )")
                .redirectErrorStream(true).start();
        String owner = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ss.waitFor(), owner);
        assertTrue(owner.contains("\"sshd\""), "client socket :" + clientPort + " not owned by sshd: " + owner);
        assertFalse(owner.contains("\"java\""), owner);
    }
}
