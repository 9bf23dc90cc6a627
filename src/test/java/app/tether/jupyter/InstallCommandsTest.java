package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshSessions;
import app.tether.testing.EnglishMessages;
import app.tether.testing.RecordingProgress;
import app.tether.testing.RecordingSshServer;
import app.tether.testing.ScriptedPrompts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact install commands for each path (pip, conda, mirror, extras, new environments), asserted on an
 * embedded SSH server that records every command and answers detection with canned output.
 */
@ExtendWith(EnglishMessages.class)
class InstallCommandsTest {
    private static final String SYSTEM_PYTHON_WITH_SERVER = """
            user=ml
            uid=1000
            home=/home/ml
            systemd=0
            systemd_user=0
            sudo=0
            conda=
            mamba=
            python3=/usr/bin/python3
            env_kind=auto
            env_found=1
            python=/usr/bin/python3
            python_prefix=/usr
            python_venv=0
            python_conda=0
            python_managed=1
            python_writable=0
            pip=1
            venv=1
            jupyter_server=1.23.3
            jupyterlab=
            port=8888
            """;
    private static final String VENV = """
            user=ml
            uid=1000
            home=/home/ml
            env_kind=path
            env_prefix=/home/ml/venvs/ml
            env_found=1
            python=/home/ml/venvs/ml/bin/python
            python_prefix=/home/ml/venvs/ml
            python_venv=1
            python_conda=0
            pip=1
            jupyter_server=
            jupyterlab=
            port=8888
            """;
    private static final String CONDA_ENV = """
            user=ml
            uid=1000
            home=/home/ml
            conda=/opt/conda/bin/conda
            mamba=/opt/conda/bin/mamba
            conda_base=/opt/conda
            env_kind=conda
            env_prefix=/opt/conda/envs/torch
            env_found=1
            python=/opt/conda/envs/torch/bin/python
            python_prefix=/opt/conda/envs/torch
            python_venv=0
            python_conda=1
            pip=1
            jupyter_server=
            jupyterlab=
            port=8888
            """;
    private static final String VENV_MISSING_IN_EXISTING_FOLDER = """
            user=ml
            uid=1000
            home=/home/ml
            python3=/usr/bin/python3
            env_kind=path
            env_prefix=/home/ml/work
            env_dir_exists=1
            env_found=0
            python=
            port=8888
            """;
    private static final String CONDA_ENV_MISSING = """
            user=ml
            uid=1000
            home=/home/ml
            conda=/opt/conda/bin/conda
            mamba=
            conda_base=/opt/conda
            env_kind=conda
            env_prefix=
            env_found=0
            python=
            port=8888
            """;

    @TempDir
    Path dir;

    private RecordingSshServer server;
    private SshSessions sessions;
    private SshServer target;
    private final Deque<String> detections = new ArrayDeque<>();
    private final RecordingProgress progress = new RecordingProgress();
    private int failingExitCode;

    @BeforeEach
    void start() throws Exception {
        server = RecordingSshServer.withPassword(dir, UserAuthPasswordFactory.INSTANCE, "ml", "pw", this::answer);
        sessions = new SshSessions(server.trustingEnvironment(dir), HostKeyPolicy.REFUSE_UNKNOWN,
                new ScriptedPrompts().givingPasswords("pw"), Duration.ofSeconds(10), null);
        target = server.target("embedded", "ml", null);
    }

    @AfterEach
    void stop() throws Exception {
        sessions.close();
        server.close();
    }

    private static SetupOptions options(InstallMode mode, String environment, String indexUrl, Set<String> extras) {
        return new SetupOptions(null, mode, environment, indexUrl, extras, null, ServiceKind.AUTO, null, false);
    }

    /** The commands received, as the sh lines they stand for. */
    private List<String> commands() {
        return server.commands().stream().map(InstallCommandsTest::decoded).toList();
    }

    /** Runs setup until the canned detections run out (the next detection fails) and returns the install commands. */
    private List<String> installCommands(SetupOptions options) {
        JupyterService service = new JupyterService(sessions, new Environment(dir.resolve("tether"), dir.resolve("home")));
        TetherException stopped = assertThrows(TetherException.class, () -> service.setup(target, options, progress));
        assertEquals("jupyter.error.detect", stopped.messageKey(), stopped::getMessage);
        return commands().stream().filter(c -> !c.startsWith("sh -c ")).toList();
    }

    @Test
    void pipIntoANamedVenvWithMirrorAndBothExtras() {
        detections.add(VENV);
        assertEquals(List.of("/home/ml/venvs/ml/bin/python -m pip install --retries 1 --timeout 15 --index-url https://pypi.tuna.tsinghua.edu.cn/simple"
                        + " jupyterlab ipykernel jupyterlab-language-pack-zh-CN jupyterlab-lsp jedi-language-server"),
                installCommands(options(InstallMode.IF_MISSING, "~/venvs/ml", "https://pypi.tuna.tsinghua.edu.cn/simple",
                        Set.of("zh", "lsp"))));
        assertTrue(commands().get(1).contains("'~/venvs/ml' 8888"), commands().get(1));
    }

    @Test
    void aPrivateIndexPasswordNeverReachesTheCommandLineOrTheOutput() {
        detections.add(VENV);
        SetupOptions options = options(InstallMode.IF_MISSING, "~/venvs/ml",
                "https://alice:S3cretTok@pypi.corp.example/simple", Set.of());
        installCommands(options);
        List<String> sent = commands();
        assertTrue(sent.stream().noneMatch(c -> c.contains("S3cretTok")), sent.toString());
        assertTrue(sent.stream().anyMatch(c -> c.contains("PIP_INDEX_URL=$(cat)")
                && c.endsWith(" sh /home/ml/venvs/ml/bin/python -m pip install --retries 1 --timeout 15 jupyterlab ipykernel")), sent.toString());
        assertTrue(progress.lines().stream().noneMatch(l -> l.contains("S3cretTok")), progress.toString());
        assertTrue(progress.lines().stream().anyMatch(l -> l.contains("https://********@pypi.corp.example/simple")),
                progress.toString());
        assertFalse(options.toString().contains("S3cretTok"), options.toString());
    }

    @Test
    void alwaysUpgradesWithPip() {
        detections.add(VENV);
        assertEquals(List.of("/home/ml/venvs/ml/bin/python -m pip install --retries 1 --timeout 15 --upgrade jupyterlab ipykernel"),
                installCommands(options(InstallMode.ALWAYS, "~/venvs/ml", null, Set.of())));
    }

    @Test
    void condaEnvironmentUsesMambaFromCondaForgeAndPipForTheLanguagePack() {
        detections.add(CONDA_ENV);
        assertEquals(List.of(
                "/opt/conda/bin/mamba install -y -p /opt/conda/envs/torch -c conda-forge jupyterlab ipykernel"
                        + " jupyterlab-lsp jedi-language-server",
                "/opt/conda/envs/torch/bin/python -m pip install --retries 1 --timeout 15 jupyterlab-language-pack-zh-CN"),
                installCommands(options(InstallMode.IF_MISSING, "torch", null, Set.of("lsp", "zh"))));
    }

    @Test
    void condaEnvironmentWithAMirrorInstallsWithPip() {
        detections.add(CONDA_ENV);
        assertEquals(List.of("/opt/conda/envs/torch/bin/python -m pip install --retries 1 --timeout 15 --index-url https://mirrors.aliyun.com/pypi/simple/"
                        + " jupyterlab ipykernel"),
                installCommands(options(InstallMode.IF_MISSING, "torch", "https://mirrors.aliyun.com/pypi/simple/", Set.of())));
    }

    @Test
    void missingCondaEnvironmentIsCreatedFirst() {
        detections.add(CONDA_ENV_MISSING);
        detections.add(CONDA_ENV);
        assertEquals(List.of(
                "/opt/conda/bin/conda create -y -n torch -c conda-forge python",
                "/opt/conda/bin/mamba install -y -p /opt/conda/envs/torch -c conda-forge jupyterlab ipykernel"),
                installCommands(options(InstallMode.IF_MISSING, "torch", null, Set.of())));
    }

    @Test
    void systemPythonGetsTetherVenvInsteadOfPipIntoTheSystem() {
        detections.add(SYSTEM_PYTHON_WITH_SERVER);
        detections.add(VENV.replace("/home/ml/venvs/ml", "/home/ml/.local/share/tether/jupyter/venv"));
        assertEquals(List.of(
                "/usr/bin/python3 -m venv /home/ml/.local/share/tether/jupyter/venv",
                "/home/ml/.local/share/tether/jupyter/venv/bin/python -m pip install --retries 1 --timeout 15 jupyterlab ipykernel"),
                installCommands(options(InstallMode.IF_MISSING, null, null, Set.of())));
    }

    @Test
    void neverInstallsNothingAndMissingJupyterIsAnError() {
        detections.add(VENV);
        JupyterService service = new JupyterService(sessions, new Environment(dir.resolve("tether"), dir.resolve("home")));
        TetherException e = assertThrows(TetherException.class,
                () -> service.setup(target, options(InstallMode.NEVER, "~/venvs/ml", null, Set.of()), progress));
        assertEquals("jupyter.error.noJupyter", e.messageKey());
        assertTrue(commands().stream().allMatch(c -> c.startsWith("sh -c ")), commands()::toString);
    }

    /** pip fails (offline): the existing jupyter-server is used, said so, and setup goes on. */
    @Test
    void failedInstallFallsBackToTheExistingServerAndSaysSo() {
        detections.add(SYSTEM_PYTHON_WITH_SERVER);
        detections.add(VENV.replace("/home/ml/venvs/ml", "/home/ml/.local/share/tether/jupyter/venv"));
        failingExitCode = 1;
        JupyterService service = new JupyterService(sessions, new Environment(dir.resolve("tether"), dir.resolve("home")));
        // nothing really runs behind the embedded server: setup stops when Jupyter does not answer
        TetherException e = assertThrows(TetherException.class,
                () -> service.setup(target, options(InstallMode.IF_MISSING, null, null, Set.of()), progress));
        assertEquals("jupyter.error.notAnswering", e.messageKey(), e::getMessage);
        assertTrue(progress.lines().contains(Messages.get("jupyter.install.fallback", "1.23.3", "/usr/bin/python3")),
                progress::toString);
        String token = new JupyterSecrets(new Environment(dir.resolve("tether"), dir.resolve("home"))).token("embedded")
                .orElseThrow();
        assertFalse(commands().stream().anyMatch(c -> c.contains(token)), "token on a command line");
        assertTrue(commands().stream().anyMatch(c -> c.contains("start /home/ml/.local/share/tether/jupyter /usr/bin/python3 -m jupyter_server")),
                commands()::toString);
        assertTrue(commands().contains("rm -rf /home/ml/.local/share/tether/jupyter/venv"),
                "the venv made for the failed install is deleted: " + commands());
        assertTrue(progress.lines().contains(Messages.get("jupyter.install.undone",
                "/home/ml/.local/share/tether/jupyter/venv", "")), progress::toString);
    }

    @Test
    void aVenvFolderThatExistedBeforeIsNeverDeleted() {
        detections.add(VENV_MISSING_IN_EXISTING_FOLDER);
        detections.add(VENV.replace("/home/ml/venvs/ml", "/home/ml/work"));
        failingExitCode = 1;
        JupyterService service = new JupyterService(sessions, new Environment(dir.resolve("tether"), dir.resolve("home")));
        TetherException e = assertThrows(TetherException.class,
                () -> service.setup(target, options(InstallMode.IF_MISSING, "~/work", null, Set.of()), progress));
        assertEquals("jupyter.error.install", e.messageKey(), e::getMessage);
        assertTrue(commands().contains("/usr/bin/python3 -m venv /home/ml/work"), commands()::toString);
        assertTrue(commands().stream().noneMatch(c -> c.startsWith("rm ")), commands()::toString);
    }

    private static final java.util.regex.Pattern ENCODED =
            java.util.regex.Pattern.compile("sh -c 'eval \"\\$\\(printf %s ([A-Za-z0-9+/=]+) \\| base64 -d\\)\"'");

    /** RemoteShell sends argv with newlines (the scripts) base64-encoded for any login shell; this is the sh line. */
    private static String decoded(String command) {
        java.util.regex.Matcher m = ENCODED.matcher(command);
        return m.matches() ? new String(java.util.Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8)
                : command;
    }

    /** Answers detection from the queue, reads with "absent", installs with success or failure. */
    private RecordingSshServer.Reply answer(String received) {
        String command = decoded(received);
        if (command.contains("# Tether: what this server offers")) {
            String canned = detections.poll();
            return canned == null ? new RecordingSshServer.Reply("", "no more canned detections\n", 1)
                    : RecordingSshServer.Reply.out(canned);
        } else if (command.startsWith("sh -c 'case $1 in")) {
            return RecordingSshServer.Reply.out("absent\n");
        } else if (command.contains(" -m pip install ") || command.contains(" install -y ")) {
            return new RecordingSshServer.Reply("", "", failingExitCode);
        } else if (command.contains("jupyter.pid")) {
            return RecordingSshServer.Reply.out("Started.\n");
        }
        return RecordingSshServer.Reply.out("");
    }
}
