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
 * Jupyter setup end to end: a real sshd, Debian's jupyter-server and classic Notebook 6 (Debian has no JupyterLab,
 * and there is no package index here), logged in as an unprivileged user. There is no systemd here, so the
 * service falls back to a background process (SystemdInteropTest covers systemd).
 */
@Tag("interop")
class JupyterServiceInteropTest {
    private static final Path TEST_LOG = Path.of("target/test-logs/tether-test.log");
    private static final String USER_LINES = "# my own setting, Tether must keep it\nc.NotebookApp.terminals_enabled = False\n";
    private static final String CLASSIC_CONFIG = ".jupyter/jupyter_notebook_config.py";

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
    void setupRunsTheClassicNotebookInTheBackgroundProtectedByTheTokenAndRemoveUndoesIt() throws Exception {
        Path config = user.home().resolve(CLASSIC_CONFIG);
        user.writeOwned(config, USER_LINES);
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        int port = OpenSshServer.freePort();

        JupyterStatus status = service.setup(target, options(port, null, null), progress);

        assertTrue(status.setUp() && status.running(), progress::toString);
        assertEquals(ServiceKind.BACKGROUND, status.service());
        assertEquals(port, status.port());
        assertEquals("6.4.12", status.version(), "the classic Notebook runs: it has a user interface");
        assertEquals(NotebookUi.NOTEBOOK, status.ui());
        assertEquals(0, status.kernels());
        String token = token();
        assertEquals(200, httpStatus(port, token));
        assertEquals(403, httpStatus(port, null));
        assertEquals(403, httpStatus(port, "not-the-token"));

        String text = Files.readString(config);
        assertTrue(text.startsWith(USER_LINES), text);
        assertTrue(text.contains("c.NotebookApp.port = " + port + "\n"), text);
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config)), "the user's config keeps its mode");
        assertTrue(text.contains("c.NotebookApp.ip = '127.0.0.1'\n"), text);
        assertFalse(text.contains("allow_root"), text);
        assertFalse(text.contains(token), "the token is not in the config");
        assertArrayEquals(USER_LINES.getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(config.resolveSibling("jupyter_notebook_config.py.tether-backup")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(stateDir().resolve("env"))));

        String ps = processList();
        assertTrue(ps.contains("-m notebook"), ps);
        assertFalse(ps.contains(token), "token visible in ps");

        byte[] firstConfig = Files.readAllBytes(config);
        JupyterStatus again = service.setup(target, options(port, null, null), progress);
        assertTrue(again.running());
        assertEquals(new String(firstConfig, StandardCharsets.ISO_8859_1), Files.readString(config, StandardCharsets.ISO_8859_1),
                "second setup changed the config");
        assertEquals(token, token(), "the token stays the same across setups");
        assertEquals(200, httpStatus(port, token));

        List<String> logs = service.logs(target, 50);
        assertFalse(logs.isEmpty());
        assertTrue(logs.stream().anyMatch(line -> line.contains("Jupyter Notebook 6.4.12 is running")), logs::toString);

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
        assertFalse(Files.exists(config.resolveSibling("jupyter_notebook_config.py.tether-backup")));
        assertFalse(Files.exists(stateDir().resolve("env")));
        assertFalse(Files.exists(stateDir().resolve("state.json")));
        assertTrue(new JupyterSecrets(testbed.environment()).token("gpu").isEmpty());
        assertThrows(TetherException.class, () -> httpStatus(port, token));
        assertFalse(service.status(target).setUp());
    }

    @Test
    void withoutAConfigFileRemoveDeletesTheOneTetherCreatedEvenAfterTwoSetups() throws Exception {
        int port = OpenSshServer.freePort();
        service.setup(target, options(port, null, null), progress);
        service.setup(target, options(port, null, null), progress);
        Path config = user.home().resolve(CLASSIC_CONFIG);
        assertTrue(Files.readString(config).startsWith(JupyterConfigBlock.BEGIN));
        assertFalse(Files.exists(config.resolveSibling("jupyter_notebook_config.py.tether-backup")),
                "a file Tether created has no original to back up");
        RecordingProgress removing = new RecordingProgress();
        service.remove(target, removing);
        assertFalse(Files.exists(config));
        assertFalse(Files.exists(config.resolveSibling("jupyter_notebook_config.py.tether-backup")));
        assertFalse(removing.toString().contains(".tether-backup"), removing::toString);
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
        assertTrue(ps.contains(venv + "/bin/python -m notebook"), ps);
        assertEquals(200, httpStatus(port, token()));
        assertFalse(Files.exists(pwned), "a command in a name was executed");

        TetherException missing = assertThrows(TetherException.class,
                () -> service.setup(target, options(OpenSshServer.freePort(), "env " + odd, null), progress));
        assertEquals(ErrorCode.NOT_FOUND, missing.code());
        assertFalse(Files.exists(pwned), "a command in a name was executed");
    }

    /** A venv that sees Debian's packages except the classic Notebook: a bare jupyter_server, as where pip fails. */
    private String bareServerVenv() throws Exception {
        String venv = user.home() + "/envs/bare";
        int made = sessions.shell(target).run(List.of("/usr/bin/python3", "-m", "venv", "--without-pip",
                "--system-site-packages", venv), line -> { }, line -> { }, Duration.ofMinutes(2));
        assertEquals(0, made);
        Path shadow = Path.of(venv, "lib", "python3.11", "site-packages", "notebook", "__init__.py");
        user.writeOwned(shadow, "raise ImportError('the notebook package is not installed in this environment')\n");
        return venv;
    }

    @Test
    void aServerWithoutAnyNotebookInterfaceFailsSetupSayingWhatToDo() throws Exception {
        int port = OpenSshServer.freePort();
        String venv = bareServerVenv();
        TetherException failed = assertThrows(TetherException.class,
                () -> service.setup(target, options(port, venv, null), progress));
        String message = failed.getLocalizedMessage();
        assertEquals(ErrorCode.REMOTE_FAILED, failed.code());
        assertTrue(message.contains("no notebook interface") && message.contains("--index-url")
                && message.contains("--env"), message);

        JupyterStatus status = service.status(target);
        assertTrue(status.running() && status.withoutUi(), status::toString);
        assertEquals(NotebookUi.NONE, status.ui());
        assertEquals("1.23.3", status.version());
        service.remove(target, progress);
        assertFalse(Files.exists(stateDir().resolve("state.json")));
    }

    /**
     * A real pip in a real venv, against a package index that cannot be reached (a closed loopback port, so the
     * test is offline wherever it runs): one line says so, no retry noise, no venv left, Debian's classic Notebook
     * is used instead, and remove leaves nothing of Tether's behind.
     */
    @Test
    void anUnreachableIndexFailsFastInOneLineLeavesNoVenvAndRemoveTakesEverything() throws Exception {
        int port = OpenSshServer.freePort();
        String index = "http://127.0.0.1:" + OpenSshServer.freePort() + "/simple";
        SetupOptions install = new SetupOptions(port, InstallMode.IF_MISSING, null, index, Set.of(), null,
                ServiceKind.AUTO, null, false);

        JupyterStatus status = service.setup(target, install, progress);

        List<String> lines = progress.lines();
        assertTrue(lines.contains("The package index (" + index + ") cannot be reached from the server: Connection refused."),
                progress::toString);
        assertTrue(lines.stream().noneMatch(line -> line.contains("Retrying") || line.startsWith("ERROR:")),
                progress::toString);
        assertTrue(lines.contains("Removed the unfinished environment " + stateDir() + "/venv."), progress::toString);
        assertFalse(Files.exists(stateDir().resolve("venv")), "half-made venv left behind");
        assertEquals(NotebookUi.NOTEBOOK, status.ui(), "Debian's classic Notebook is used instead");

        service.remove(target, progress);
        assertFalse(Files.exists(user.home().resolve(".local/share/tether")), "remove leaves Tether's directory");
    }

    @Test
    void aSecondEntryForTheSameAccountKeepsTheTokenSoTheFirstStillOpens() throws Exception {
        int port = OpenSshServer.freePort();
        service.setup(target, options(port, null, null), progress);
        String first = token();
        SshServer second = SshServer.ofHost("gpu-again", testbed.server().host(), user.name(),
                testbed.server().port(), testbed.key().toString(), null);
        RecordingProgress again = new RecordingProgress();
        service.setup(second, options(port, null, null), again);
        JupyterSecrets secrets = new JupyterSecrets(testbed.environment());
        assertEquals(first, secrets.token("gpu-again").orElseThrow(), "the second entry shares the server's token");
        assertTrue(again.toString().contains("keeping it"), again::toString);
        assertEquals(200, httpStatus(port, first), "the first entry still opens");

        // a local copy gone stale (e.g. from an older Tether that rotated it) is brought up to date by status
        secrets.saveToken("gpu", "stale-token");
        JupyterStatus status = service.status(target);
        assertEquals(first, token());
        assertEquals(0, status.kernels(), "status used the server's current token");
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
        String config = Files.readString(user.home().resolve(CLASSIC_CONFIG));
        assertTrue(config.contains("c.NotebookApp.password = 'argon2:$argon2id$v=19$m=10240,t=10,p=8$"), config);
        assertTrue(config.contains("c.NotebookApp.token = ''"), config);
        assertEquals(NotebookUi.NOTEBOOK, status.ui(), "found without a token: the page redirects to the login");
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
            for (Path file : files.filter(f -> f.getFileName().toString().matches("(jp|nb)server-\\d+\\.json")).toList()) {
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
