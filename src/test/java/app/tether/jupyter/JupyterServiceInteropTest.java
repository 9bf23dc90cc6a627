package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.ErrorCode;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.Interop;
import app.tether.testing.RecordingProgress;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jupyter setup end to end: a real sshd, Debian's jupyter-server, logged in as an unprivileged user. There is
 * no systemd here, so the service falls back to a background process.
 */
@Tag("interop")
class JupyterServiceInteropTest {
    private static final Path TEST_LOG = Path.of("target/test-logs/tether-test.log");
    private static final String USER_LINES = "# my own setting, Tether must keep it\nc.ServerApp.terminals_enabled = False\n";

    @TempDir
    Path dir;

    private RemoteTestUser user;
    private SshTestbed testbed;
    private SshSessions sessions;
    private JupyterService service;
    private SshServer target;
    private final RecordingProgress progress = new RecordingProgress();

    @BeforeEach
    void start() throws Exception {
        Interop.requireProgram("/usr/bin/jupyter-server");
        user = RemoteTestUser.prepare();
        user.clean();
        testbed = SshTestbed.start(dir);
        RemoteTestUser.openPathFor(testbed.server().dir().resolve("authorized_keys"));
        target = SshServer.ofHost("gpu", testbed.server().host(), user.name(), testbed.server().port(),
                testbed.key().toString(), null);
        // no agent from the developer's environment: only the testbed's key
        sessions = new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE,
                Duration.ofSeconds(10), null);
        service = new JupyterService(sessions, testbed.environment());
    }

    @AfterEach
    void stop() throws Exception {
        if (user == null) {
            return;
        }
        try {
            if (service != null && Files.exists(stateDir().resolve("state.json"))) {
                service.remove(target, Progress.NONE);
            }
        } finally {
            user.killLeftoverJupyter();
            if (sessions != null) {
                sessions.close();
            }
            if (testbed != null) {
                testbed.close();
            }
            if (user != null) {
                user.clean();
                user.close();
            }
        }
    }

    private Path stateDir() {
        return user.home().resolve(JupyterService.STATE_DIR);
    }

    private SetupOptions options(int port, String environment, String notebookDir) {
        return new SetupOptions(port, InstallMode.NEVER, environment, null, Set.of(), null, ServiceKind.AUTO,
                notebookDir, false);
    }

    private String token() {
        return new JupyterSecrets(testbed.environment()).token("gpu").orElseThrow();
    }

    private static int httpStatus(int port, String token) {
        return new JupyterApi(URI.create("http://127.0.0.1:" + port + "/"), token, Duration.ofSeconds(5)).statusCode();
    }

    @Test
    void setupRunsJupyterInTheBackgroundProtectedByTheTokenAndRemoveUndoesIt() throws Exception {
        Path config = user.home().resolve(".jupyter/jupyter_server_config.py");
        user.writeOwned(config, USER_LINES);
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        int port = OpenSshServer.freePort();

        JupyterStatus status = service.setup(target, options(port, null, null), progress);

        assertTrue(status.setUp() && status.running(), progress::toString);
        assertEquals(ServiceKind.BACKGROUND, status.service());
        assertEquals(port, status.port());
        assertEquals("1.23.3", status.version());
        assertEquals(0, status.kernels());
        String token = token();
        assertEquals(200, httpStatus(port, token));
        assertEquals(403, httpStatus(port, null));
        assertEquals(403, httpStatus(port, "not-the-token"));

        String text = Files.readString(config);
        assertTrue(text.startsWith(USER_LINES), text);
        assertTrue(text.contains("c.ServerApp.port = " + port + "\n"), text);
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config)), "the user's config keeps its mode");
        assertTrue(text.contains("c.ServerApp.ip = '127.0.0.1'\n"), text);
        assertFalse(text.contains("allow_root"), text);
        assertFalse(text.contains(token), "the token is not in the config");
        assertArrayEquals(USER_LINES.getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(config.resolveSibling("jupyter_server_config.py.tether-backup")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(stateDir().resolve("env"))));

        String ps = processList();
        assertTrue(ps.contains("-m jupyter_server"), ps);
        assertFalse(ps.contains(token), "token visible in ps");

        byte[] firstConfig = Files.readAllBytes(config);
        JupyterStatus again = service.setup(target, options(port, null, null), progress);
        assertTrue(again.running());
        assertArrayEquals(firstConfig, Files.readAllBytes(config), "second setup changed the config");
        assertEquals(token, token(), "the token stays the same across setups");
        assertEquals(200, httpStatus(port, token));

        List<String> logs = service.logs(target, 50);
        assertFalse(logs.isEmpty());
        assertTrue(logs.stream().anyMatch(line -> line.contains("Jupyter Server 1.23.3 is running")), logs::toString);

        service.stop(target);
        assertFalse(service.status(target).running());
        assertThrows(TetherException.class, () -> httpStatus(port, token));
        service.start(target);
        assertTrue(service.status(target).running());
        assertEquals(200, httpStatus(port, token), "start returns once Jupyter answers");
        service.restart(target);
        assertEquals(200, httpStatus(port, token));

        assertFalse(String.join("\n", progress.lines()).contains(token), "token in progress output");
        assertFalse(logs.stream().anyMatch(line -> line.contains(token)), "token in logs output");
        if (Files.exists(TEST_LOG)) {
            assertFalse(Files.readString(TEST_LOG).contains(token), "token in Tether's log");
        }

        service.remove(target, progress);
        assertArrayEquals(USER_LINES.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(config), "backup restored");
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config)));
        assertEquals(user.name(), Files.getOwner(config).getName());
        assertFalse(Files.exists(config.resolveSibling("jupyter_server_config.py.tether-backup")));
        assertFalse(Files.exists(stateDir().resolve("env")));
        assertFalse(Files.exists(stateDir().resolve("state.json")));
        assertTrue(new JupyterSecrets(testbed.environment()).token("gpu").isEmpty());
        assertThrows(TetherException.class, () -> httpStatus(port, token));
        assertFalse(service.status(target).setUp());
    }

    @Test
    void withoutAConfigFileRemoveDeletesTheOneTetherCreated() throws Exception {
        int port = OpenSshServer.freePort();
        service.setup(target, options(port, null, null), progress);
        Path config = user.home().resolve(".jupyter/jupyter_server_config.py");
        assertTrue(Files.readString(config).startsWith(JupyterConfigBlock.BEGIN));
        service.remove(target, progress);
        assertFalse(Files.exists(config));
    }

    @Test
    void oddNotebookDirAndEnvironmentPathWorkAndExecuteNothing() throws Exception {
        Path pwned = Path.of("/tmp/pwned");
        Files.deleteIfExists(pwned);
        String odd = "it's \"q\" $(touch /tmp/pwned) `touch /tmp/pwned` \\ x;y";
        String venv = user.home() + "/envs/" + odd;
        // the venv (seeing Debian's jupyter_server) is made over the same SSH path, as argv
        int made = sessions.shell(target).run(List.of("/usr/bin/python3", "-m", "venv", "--without-pip",
                "--system-site-packages", venv), line -> { }, line -> { }, Duration.ofMinutes(2));
        assertEquals(0, made);
        String notebookDir = user.home() + "/notebooks " + odd + "\nsecond line";
        int port = OpenSshServer.freePort();

        JupyterStatus status = service.setup(target, options(port, venv, notebookDir), progress);

        assertTrue(status.running(), progress::toString);
        assertTrue(Files.isDirectory(Path.of(notebookDir)));
        RuntimeInfo info = runtimeInfo(port);
        assertEquals(notebookDir, info.rootDir());
        String ps = processList();
        assertTrue(ps.contains(venv + "/bin/python -m jupyter_server"), ps);
        assertEquals(200, httpStatus(port, token()));
        assertFalse(Files.exists(pwned), "a command in a name was executed");

        TetherException missing = assertThrows(TetherException.class,
                () -> service.setup(target, options(OpenSshServer.freePort(), "env " + odd, null), progress));
        assertEquals(ErrorCode.NOT_FOUND, missing.code());
        assertFalse(Files.exists(pwned), "a command in a name was executed");
    }

    @Test
    void openingToTheNetworkWithoutPasswordIsRefusedBeforeTouchingTheServer() throws IOException {
        SetupOptions open = new SetupOptions(OpenSshServer.freePort(), InstallMode.NEVER, null, null, Set.of(), null,
                ServiceKind.AUTO, null, true);
        assertEquals(ErrorCode.USAGE, assertThrows(TetherException.class, () -> service.setup(target, open, progress))
                .code());
        assertTrue(progress.lines().isEmpty());
    }

    @Test
    void passwordLoginNeedsNoTokenAndRefusesAnonymousAccess() throws Exception {
        int port = OpenSshServer.freePort();
        SetupOptions withPassword = new SetupOptions(port, InstallMode.NEVER, null, null, Set.of(),
                "s3cret-pass".toCharArray(), ServiceKind.AUTO, null, false);
        JupyterStatus status = service.setup(target, withPassword, progress);
        assertTrue(status.running());
        assertNull(status.kernels());
        assertEquals(403, httpStatus(port, null));
        String config = Files.readString(user.home().resolve(".jupyter/jupyter_server_config.py"));
        assertTrue(config.contains("c.ServerApp.password = 'argon2:$argon2id$v=19$m=10240,t=10,p=8$"), config);
        assertFalse(config.contains("s3cret-pass"));
        assertTrue(new JupyterSecrets(testbed.environment()).token("gpu").isEmpty());
    }

    @Test
    void askingForSystemdWhereThereIsNoneFailsBeforeAnyChange() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")),
                "systemd runs here, so the user manager may exist");
        SetupOptions systemd = new SetupOptions(OpenSshServer.freePort(), InstallMode.NEVER, null, null, Set.of(), null,
                ServiceKind.SYSTEMD_USER, null, false);
        assertEquals(ErrorCode.INVALID, assertThrows(TetherException.class,
                () -> service.setup(target, systemd, progress)).code());
        assertFalse(Files.exists(user.home().resolve(".jupyter")));
        assertFalse(Files.exists(stateDir().resolve("state.json")));
    }

    @Test
    void lifecycleCommandsNeedASetup() {
        assertFalse(service.status(target).setUp());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(TetherException.class, () -> service.start(target)).code());
        assertEquals(ErrorCode.NOT_FOUND,
                assertThrows(TetherException.class, () -> service.remove(target, progress)).code());
    }

    private RuntimeInfo runtimeInfo(int port) throws IOException {
        Path runtime = user.home().resolve(".local/share/jupyter/runtime");
        try (Stream<Path> files = Files.list(runtime)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("jpserver-\\d+\\.json")).toList()) {
                RuntimeInfo info = RuntimeInfo.parseRuntimeFile(Files.readString(file));
                if (info.port() == port) {
                    return info;
                }
            }
        }
        throw new AssertionError("no runtime file for port " + port);
    }

    private static String processList() throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("ps", "-eo", "args").redirectErrorStream(true).start();
        String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ps.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
