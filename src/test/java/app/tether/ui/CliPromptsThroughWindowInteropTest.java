package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.instance.HeldForwards;
import app.tether.instance.PromptRouter;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.jupyter.RemoteTestUser;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshSessions;
import app.tether.testing.InstanceProcesses;
import app.tether.testing.Interop;
import app.tether.testing.OpenSshServer;
import app.tether.testing.ScriptedPrompts;
import app.tether.testing.SshTestbed;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TunnelService;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH questions of CLI commands that the window's instance runs (real sshd, real client processes, the window's
 * side as DesktopApp wires it: sessions that ask, routed by {@link PromptRouter}). A passphrase or a password is
 * asked at the client's own terminal, never in the window (whose dialogs here would answer everything, so a
 * question sent there shows as a success); without a terminal, and for a new or changed host key, the client gets
 * the one line its own process would print, with the same exit code.
 */
@Tag("interop")
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CliPromptsThroughWindowInteropTest {
    private static final String PASSPHRASE = "correct horse";
    private static final String PASSWORD_USER = "tether-test";

    @TempDir
    Path dir;

    private SshTestbed testbed;
    private InstanceProcesses clients;
    private ScriptedPrompts windowDialogs;
    private SshSessions sessions;
    private TunnelService tunnels;
    private HeldForwards held;
    private HttpForwards httpForwards;
    private WindowInstance instance;
    private Path knownHosts;
    private List<String> knownLines;

    @BeforeEach
    void start() throws Exception {
        Interop.requireProgram("/usr/sbin/sshd");
        Interop.requireProgram("/usr/bin/script");
        // The test account may log in with a password (for the password question; nobody else may).
        testbed = SshTestbed.start(dir.resolve("sshd"), "Match User " + PASSWORD_USER, "    PasswordAuthentication yes");
        Path locked = OpenSshServer.generateKey(dir.resolve("keys"), "ed25519", PASSPHRASE);
        testbed.server().authorize(Path.of(locked + ".pub"));
        SshServer box = testbed.target("box");
        SshServer lockedBox = SshServer.ofHost("locked", box.host(), box.user(), box.port(), locked.toString(), null);
        Environment environment = testbed.environment().withVariable("TETHER_HOME",
                testbed.environment().home().toString());
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty().add(box).add(lockedBox));
        knownHosts = environment.knownHosts();
        knownLines = Files.readAllLines(knownHosts);

        windowDialogs = new ScriptedPrompts().trustingNewHostKeys(true).givingPassphrase(PASSPHRASE);
        PromptRouter prompts = new PromptRouter(windowDialogs);
        sessions = new SshSessions(environment, HostKeyPolicy.ASK, prompts, Duration.ofSeconds(10), null);
        tunnels = new TunnelService(sessions, environment);
        held = new HeldForwards(sessions, PortMemory.in(environment));
        httpForwards = new HttpForwards(environment);
        instance = WindowInstance.start(environment, sessions, prompts, tunnels, held, httpForwards,
                WindowLifecycle.of(environment, sessions),
                () -> new InventoryStore(environment.inventoryFile()).load(), null).orElseThrow();
        clients = new InstanceProcesses(testbed.environment(), dir.resolve("logs"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (instance != null) {
                instance.close();
                held.close();
                httpForwards.close();
                tunnels.close();
                sessions.close();
            }
            if (clients != null) {
                clients.close();
            }
        } finally {
            if (testbed != null) {
                testbed.close(); // sshd ends whatever failed above
            }
        }
    }

    @Test
    void aNewHostKeyIsRefusedAsTheCliRefusesIt() throws Exception {
        Files.writeString(knownHosts, "");
        InstanceProcesses.Result alone = clients.run("off", "exec", "box", "--", "true");
        InstanceProcesses.Result served = clients.run("required", "exec", "box", "--", "true");
        assertEquals(4, served.code(), served.toString());
        assertEquals(alone, served);
        assertEquals(1, served.err().lines().count(), served.err());
        assertTrue(served.err().contains("run again with --accept-new-host-key"), served.err());
        assertEquals(List.of(), windowDialogs.hostKeysAsked(), "the window was not asked");
        assertEquals("", Files.readString(knownHosts), "nothing trusted");
    }

    @Test
    void aChangedHostKeyIsRefusedInOneLine() throws Exception {
        Path other = OpenSshServer.generateKey(dir.resolve("other"), "ed25519", "");
        String otherKey = Files.readString(Path.of(other + ".pub")).split(" ")[1];
        String host = knownLines.get(0).split(" ")[0];
        Files.writeString(knownHosts, host + " ssh-ed25519 " + otherKey + "\n");
        InstanceProcesses.Result alone = clients.run("off", "exec", "box", "--", "true");
        InstanceProcesses.Result served = clients.run("required", "exec", "box", "--", "true");
        assertEquals(4, served.code(), served.toString());
        assertEquals(alone, served);
        assertEquals(1, served.err().lines().count(), served.err());
        assertTrue(served.err().contains("has CHANGED"), served.err());
        assertEquals(List.of(), windowDialogs.hostKeysAsked());
    }

    @Test
    void aPassphraseIsAskedAtTheClientsTerminalNotInTheWindow() throws Exception {
        // Without a terminal first: the same line and code as the command's own process.
        InstanceProcesses.Result alone = clients.run("off", "exec", "locked", "--", "echo", "in");
        InstanceProcesses.Result served = clients.run("required", "exec", "locked", "--", "echo", "in");
        assertEquals(3, served.code(), served.toString());
        assertEquals(alone, served);
        assertEquals(1, served.err().lines().count(), served.err());

        Process client = clients.startClientOnTerminal("required", "exec", "locked", "--", "echo", "in");
        InputStream terminal = client.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        readUntil(terminal, seen, "Enter passphrase for key " + dir.resolve("keys"));
        client.getOutputStream().write((PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().flush();
        readUntil(terminal, seen, "in\r\n");
        assertTrue(client.waitFor(60, TimeUnit.SECONDS));
        String text = seen.toString(StandardCharsets.UTF_8);
        assertEquals(0, client.exitValue(), text);
        assertFalse(text.contains(PASSPHRASE), "not echoed: " + text);
        assertEquals(List.of(), windowDialogs.passphrasesAsked(), "the window was not asked");
    }

    @Test
    void aPasswordIsAskedAtTheClientsTerminalNotInTheWindow() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "setting a password needs root");
        String password = "pw-" + Long.toHexString(System.nanoTime());
        try (RemoteTestUser account = RemoteTestUser.prepare()) {
            assertEquals(PASSWORD_USER, account.name());
            setPassword(password);
            try {
                // No key gets in (none is authorized), so the password is the way.
                Files.writeString(testbed.server().authorizedKeys(), "");
                SshServer box = testbed.target("box");
                Path unauthorized = OpenSshServer.generateKey(dir.resolve("stranger"), "ed25519", "");
                InventoryStore store = new InventoryStore(testbed.environment().inventoryFile());
                store.save(store.load().add(SshServer.ofHost("pw", box.host(), PASSWORD_USER, box.port(),
                        unauthorized.toString(), null)));

                InstanceProcesses.Result alone = clients.run("off", "exec", "pw", "--", "echo", "in");
                InstanceProcesses.Result served = clients.run("required", "exec", "pw", "--", "echo", "in");
                assertEquals(3, served.code(), served.toString());
                assertEquals(alone, served);

                Process client = clients.startClientOnTerminal("required", "exec", "pw", "--", "echo", "in");
                InputStream terminal = client.getInputStream();
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                readUntil(terminal, seen, PASSWORD_USER + "@");
                readUntil(terminal, seen, "'s password:");
                client.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().flush();
                readUntil(terminal, seen, "in\r\n");
                assertTrue(client.waitFor(60, TimeUnit.SECONDS));
                String text = seen.toString(StandardCharsets.UTF_8);
                assertEquals(0, client.exitValue(), text);
                assertFalse(text.contains(password), "not echoed: " + text);
                assertEquals(List.of(), windowDialogs.passwordsAsked(), "the window was not asked");
            } finally {
                setPassword(null);
            }
        }
    }

    /** Sets the test account's password ({@code null}: none again, key login only, as RemoteTestUser leaves it). */
    private static void setPassword(String password) throws Exception {
        Process process = password == null ? new ProcessBuilder("usermod", "-p", "*", PASSWORD_USER).start()
                : new ProcessBuilder("chpasswd").start();
        if (password != null) {
            process.getOutputStream().write((PASSWORD_USER + ":" + password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes())
                + new String(process.getErrorStream().readAllBytes()));
    }

    /** Reads the terminal until {@code expected} shows (or fails when it ends first). */
    private static void readUntil(InputStream in, ByteArrayOutputStream seen, String expected) throws Exception {
        byte[] buffer = new byte[4096];
        while (!seen.toString(StandardCharsets.UTF_8).contains(expected)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("terminal ended before \"" + expected + "\": " + seen);
            }
            seen.write(buffer, 0, n);
        }
    }
}
