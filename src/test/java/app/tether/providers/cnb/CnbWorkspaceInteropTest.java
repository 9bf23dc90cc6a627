package app.tether.providers.cnb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Progress;
import app.tether.handoff.JupyterNotebookServer;
import app.tether.handoff.NotebookOpener;
import app.tether.handoff.NotebookUrl;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.SshServer;
import app.tether.jupyter.JupyterApi;
import app.tether.jupyter.JupyterSecrets;
import app.tether.jupyter.JupyterService;
import app.tether.jupyter.JupyterStatus;
import app.tether.jupyter.RemoteTestUser;
import app.tether.jupyter.ServiceKind;
import app.tether.providers.NotebookAccess;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.RemoteShell;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.EnglishMessages;
import app.tether.testing.Interop;
import app.tether.testing.RecordingProgress;
import app.tether.testing.SshTestbed;
import app.tether.tunnel.JupyterHealth;
import app.tether.tunnel.TunnelService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CNB workspace whose detail's {@code ssh} login points at a real sshd (logged in as the unprivileged test user):
 * Tether finds unpushed work there before a stop, and opens the notebook with Debian's jupyter-server set up as a
 * background service and a tunnel whose URL answers.
 */
@Tag("interop")
@ExtendWith(EnglishMessages.class)
class CnbWorkspaceInteropTest {
    private static final Duration COMMAND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private RemoteTestUser user;
    private SshTestbed testbed;
    private SshSessions sessions;
    private CnbStandIn cnb;
    private CnbProvider provider;
    private SshServer server;
    private Path folder;
    private final CnbWorkspace target = new CnbWorkspace("model", "team/model", "main", null, List.of(), "", null,
            "cnb:arch:amd64:gpu");

    @BeforeEach
    void start() throws Exception {
        Interop.requireProgram("/usr/sbin/sshd");
        Interop.requireProgram("/usr/bin/jupyter-server");
        Interop.requireProgram("/usr/bin/git");
        user = RemoteTestUser.prepare();
        user.clean();
        testbed = SshTestbed.start(dir);
        RemoteTestUser.openPathFor(testbed.server().dir().resolve("authorized_keys"));
        folder = user.home().resolve("cnb-workspace");
        cnb = CnbStandIn.start().token("good", "alice", CnbStandIn.ALL_SCOPES).repo("team/model")
                .sshLogin("ssh -p " + testbed.server().port() + " " + user.name() + "@" + testbed.server().host())
                .workspaceFolder(folder.toString());
        sessions = new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN, SshPrompts.NONE,
                Duration.ofSeconds(10), null);
        provider = new CnbProvider(() -> new CnbApi(cnb.uri(), "good"), CnbRunners.standard(), Clock.systemUTC(),
                CnbJupyter.with(new JupyterService(sessions, testbed.environment())));
        cnb.add("team/model", "main", "running", Instant.now());
        server = CnbProvider.sshServer(target, new CnbSshLogin(user.name(), testbed.server().host(),
                testbed.server().port()), folder.toString());
    }

    @AfterEach
    void stop() throws Exception {
        if (user == null) {
            return;
        }
        try {
            if (sessions != null && Files.exists(user.home().resolve(JupyterService.STATE_DIR).resolve("state.json"))) {
                new JupyterService(sessions, testbed.environment()).remove(server, Progress.NONE);
            }
        } finally {
            user.killLeftoverJupyter();
            if (sessions != null) {
                sessions.close();
            }
            cnb.close();
            testbed.close();
            deleteTree(folder);
            user.clean();
            user.close();
        }
    }

    @Test
    void beforeStoppingTheUncommittedChangesAndUnpushedCommitsAreFoundOverSsh() throws Exception {
        RemoteShell shell = sessions.shell(server);
        run(shell, "mkdir", "-p", folder.toString());
        run(shell, "git", "-C", folder.toString(), "init", "-q");
        run(shell, "git", "-C", folder.toString(), "-c", "user.name=T", "-c", "user.email=t@example.com",
                "commit", "-q", "--allow-empty", "-m", "train for 3 hours");
        run(shell, "touch", folder.resolve("notes; rm -rf ~.md").toString());

        CnbStopCheck check = CnbStopCheck.of(provider, target, sessions).orElseThrow();

        assertTrue(check.unpushed().known(), String.valueOf(check.unpushed().problem()));
        assertEquals(List.of("?? \"notes; rm -rf ~.md\""), check.unpushed().changes());
        assertEquals(1, check.unpushed().commits().size());
        assertTrue(check.unpushed().commits().get(0).endsWith("train for 3 hours"), check.unpushed().commits().toString());
        assertEquals("running", cnb.workspaces().get(0).status, "checking stops nothing");
    }

    @Test
    void aFolderThatIsNoRepositoryIsReportedAsUnchecked() throws Exception {
        run(sessions.shell(server), "mkdir", "-p", folder.toString());
        CnbStopCheck check = CnbStopCheck.of(provider, target, sessions).orElseThrow();
        assertTrue(!check.unpushed().known() && check.unpushed().problem().contains("not a git repository"),
                String.valueOf(check.unpushed().problem()));
    }

    @Test
    void accessSetsUpJupyterAsABackgroundServiceAndTheTunnelUrlAnswers() throws Exception {
        run(sessions.shell(server), "mkdir", "-p", folder.toString());
        JupyterService jupyter = new JupyterService(sessions, testbed.environment());
        RecordingProgress progress = new RecordingProgress();
        try (TunnelService tunnels = new TunnelService(sessions, testbed.environment())) {
            NotebookOpener opener = new NotebookOpener(sessions, tunnels,
                    new JupyterNotebookServer(jupyter, new JupyterSecrets(testbed.environment())),
                    new JupyterHealth(Duration.ofSeconds(5)));

            SshServer reached = assertInstanceOf(NotebookAccess.OverSsh.class, provider.access(target, progress))
                    .server();
            assertEquals(server, reached);
            NotebookUrl url = opener.open(reached, progress);

            JupyterStatus status = jupyter.status(server);
            assertEquals(ServiceKind.BACKGROUND, status.service());
            assertTrue(progress.lines().stream().anyMatch(l -> l.contains("background service")), progress.lines().toString());
            String token = new JupyterSecrets(testbed.environment()).token("model").orElseThrow();
            URI base = URI.create("http://127.0.0.1:" + url.localPort() + "/");
            assertEquals(200, new JupyterApi(base, token, Duration.ofSeconds(5)).statusCode());
            HttpResponse<String> page = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(url.uri()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(page.statusCode() == 200 || page.statusCode() == 302, "URL answers: " + page.statusCode());
            String root = run(sessions.shell(server), "sh", "-c", "cat \"$HOME/.local/share/tether/jupyter/state.json\"");
            assertTrue(root.contains(folder.toString()), root);
        }
    }

    private static String run(RemoteShell shell, String... argv) {
        var result = shell.capture(List.of(argv), COMMAND);
        assertEquals(0, result.exitCode(), String.join(" ", argv) + ": " + result.stderr());
        return result.stdout();
    }

    private static void deleteTree(Path root) throws Exception {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
