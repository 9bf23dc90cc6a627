package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Messages;
import app.tether.handoff.VsCodeHandoff;
import app.tether.inventory.Inventory;
import app.tether.inventory.JupyterSettings;
import app.tether.inventory.SshServer;
import app.tether.jupyter.JupyterSecrets;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.LocalJupyter;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tether open}, {@code forward} and {@code code} against a real sshd (and a real jupyter-server). */
class TunnelCommandsTest {

    @TempDir
    Path dir;

    private SshTestbed testbed;
    private StringWriter out;
    private StringWriter err;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        testbed = SshTestbed.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        runner.shutdownNow();
        runner.awaitTermination(20, TimeUnit.SECONDS);
        testbed.close();
        Messages.setLocale(Messages.defaultLocale());
    }

    private void save(SshServer target) {
        new app.tether.inventory.InventoryStore(testbed.environment().inventoryFile()).save(Inventory.empty().add(target));
    }

    private CliContext context() {
        out = new StringWriter();
        err = new StringWriter();
        CliContext context = new CliContext(testbed.environment(), new PrintWriter(out, true), new PrintWriter(err, true));
        context.sshSessionsFactory(() -> new SshSessions(testbed.environment(), HostKeyPolicy.REFUSE_UNKNOWN,
                SshPrompts.NONE, Duration.ofSeconds(10), null));
        return context;
    }

    /** Starts a long-running command; returns its exit code future. */
    private Future<Integer> background(String... args) {
        CliContext context = context();
        return runner.submit(() -> Cli.run(args, context));
    }

    private String awaitOutput(Pattern pattern, Future<Integer> command) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(out.toString());
            if (matcher.find()) {
                return matcher.group();
            }
            if (command.isDone()) {
                throw new AssertionError("command ended with " + command.get() + "; out: " + out + " err: " + err);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + pattern + " in: " + out + " / err: " + err);
    }

    @Test
    void forwardPrintsOneLinePerForwardAndServesUntilInterrupted() throws Exception {
        save(testbed.target("gpu"));
        try (ServerSocket service = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Future<Integer> command = background("forward", "gpu", "0:127.0.0.1:" + service.getLocalPort());
            String line = awaitOutput(Pattern.compile("127\\.0\\.0\\.1:(\\d+) -> 127\\.0\\.0\\.1:" + service.getLocalPort()),
                    command);
            int local = Integer.parseInt(line.substring("127.0.0.1:".length(), line.indexOf(' ')));
            assertEquals(line + "\n", out.toString());
            try (Socket client = new Socket("127.0.0.1", local); Socket far = service.accept()) {
                client.getOutputStream().write("ping".getBytes());
                assertEquals("ping", new String(far.getInputStream().readNBytes(4)));
            }
            runner.shutdownNow(); // interrupts the command, as Ctrl-C would stop it
            assertEquals(0, command.get(30, TimeUnit.SECONDS));
            // The port was freed: nothing listens there any more.
            org.junit.jupiter.api.Assertions.assertThrows(java.net.ConnectException.class, () -> {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", local), 5000);
                }
            });
        }
    }

    @Test
    void forwardToATakenFixedPortFailsNamingIt() throws Exception {
        save(testbed.target("gpu"));
        try (ServerSocket taken = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            int code = Cli.run(new String[] {"forward", "gpu", taken.getLocalPort() + ":127.0.0.1:22"}, context());
            assertEquals(1, code);
            assertTrue(err.toString().startsWith("tether: Local port " + taken.getLocalPort() + " is already in use"),
                    err.toString());
        }
    }

    @Test
    void forwardRejectsAMalformedSpec() {
        save(testbed.target("gpu"));
        assertEquals(2, Cli.run(new String[] {"forward", "gpu", "nonsense"}, context()));
        assertTrue(err.toString().contains("Not a forward: nonsense"), err.toString());
    }

    @Test
    void openWithoutJupyterSaysToSetItUpInsteadOfWaiting() throws Exception {
        save(testbed.target("gpu").withJupyter(new JupyterSettings(OpenSshServer.freePort(), null)));
        assertEquals(1, Cli.run(new String[] {"open", "gpu", "--no-browser"}, context()));
        assertEquals("", out.toString());
        assertTrue(err.toString().strip().endsWith("Run: tether jupyter setup gpu"), err.toString());
    }

    @Test
    void openNoBrowserPrintsTheClassicNotebooksTreeUrlWhoseApiStatusAnswers() throws Exception {
        String token = "tok-" + Long.toHexString(System.nanoTime());
        try (LocalJupyter jupyter = LocalJupyter.start(LocalJupyter.CLASSIC_NOTEBOOK, dir.resolve("jupyter"), token)) {
            save(testbed.target("gpu").withJupyter(new JupyterSettings(jupyter.port(), null)));
            new JupyterSecrets(testbed.environment()).saveToken("gpu", token);
            Future<Integer> command = background("open", "gpu", "--no-browser");
            String url = awaitOutput(Pattern.compile("http://127\\.0\\.0\\.1:\\d+/\\S*"), command);
            assertEquals(1, out.toString().lines().count(), out.toString());
            assertTrue(url.contains("/tree?token=" + token), url);
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            URI status = URI.create(url.replaceFirst("/[^/]*\\?token=", "/api/status?token="));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), status.getPath() + " " + response.body());
            assertTrue(response.body().contains("\"kernels\""), response.body());
            runner.shutdownNow();
            assertEquals(0, command.get(30, TimeUnit.SECONDS));
            assertTrue(!err.toString().contains(token), "token leaked to stderr");
        }
    }

    @Test
    void openOnAServerWithoutANotebookInterfaceFailsSayingWhatToDo() throws Exception {
        String token = "tok-" + Long.toHexString(System.nanoTime());
        try (LocalJupyter jupyter = LocalJupyter.start(LocalJupyter.SERVER, dir.resolve("jupyter"), token)) {
            save(testbed.target("gpu").withJupyter(new JupyterSettings(jupyter.port(), null)));
            new JupyterSecrets(testbed.environment()).saveToken("gpu", token);
            assertEquals(1, Cli.run(new String[] {"open", "gpu", "--no-browser"}, context()));
            assertEquals("", out.toString(), "no URL of a page with nothing to work in");
            List<String> errors = err.toString().lines().filter(line -> line.startsWith("tether:")).toList();
            assertEquals(1, errors.size(), err.toString());
            assertTrue(errors.get(0).contains("no notebook interface") && errors.get(0).contains("--index-url"),
                    err.toString());
        }
    }

    @Test
    void openWithATokenTheServerRefusesSaysSoAtOnce() throws Exception {
        try (LocalJupyter jupyter = LocalJupyter.start(LocalJupyter.CLASSIC_NOTEBOOK, dir.resolve("jupyter"), "current")) {
            save(testbed.target("gpu").withJupyter(new JupyterSettings(jupyter.port(), null)));
            new JupyterSecrets(testbed.environment()).saveToken("gpu", "rotated-by-another-setup");
            long started = System.nanoTime();
            assertEquals(1, Cli.run(new String[] {"open", "gpu", "--no-browser"}, context()));
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertTrue(seconds < 20, "took " + seconds + " s");
            assertTrue(err.toString().contains("refused Tether's token (HTTP status 403)"), err.toString());
        }
    }

    @Test
    void codeShowsTheBlockWritesItWithYesAndRunsCode() throws Exception {
        save(testbed.target("gpu"));
        Path argsFile = dir.resolve("code-args.txt");
        Path fake = dir.resolve("fake-code");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + argsFile + "'; done\n");
        fake.toFile().setExecutable(true);
        System.setProperty(VsCodeHandoff.CODE_PROPERTY, fake.toString());
        try {
            // No terminal and no --yes: shows the block, writes nothing.
            assertEquals(2, Cli.run(new String[] {"code", "gpu", "/srv/work"}, context()));
            assertTrue(out.toString().contains("Host tether-gpu\n"), out.toString());
            assertTrue(err.toString().contains("--yes"), err.toString());
            assertTrue(!Files.exists(testbed.environment().sshConfig()));

            assertEquals(0, Cli.run(new String[] {"code", "gpu", "/srv/work", "--yes"}, context()));
            String config = Files.readString(testbed.environment().sshConfig());
            assertTrue(config.contains("Host tether-gpu\n    HostName 127.0.0.1\n    User " + OpenSshServer.user()
                    + "\n    Port " + testbed.server().port() + "\n    IdentityFile " + testbed.key() + "\n"), config);
            assertEquals(List.of("--remote", "ssh-remote+tether-gpu", "/srv/work"), Files.readAllLines(argsFile));

            // Second time: the alias exists, nothing is shown or written again.
            Files.delete(argsFile);
            assertEquals(0, Cli.run(new String[] {"code", "gpu", "/srv/work"}, context()));
            assertTrue(!out.toString().contains("Host tether-gpu"), out.toString());
            assertEquals(config, Files.readString(testbed.environment().sshConfig()));
            assertEquals(List.of("--remote", "ssh-remote+tether-gpu", "/srv/work"), Files.readAllLines(argsFile));
        } finally {
            System.clearProperty(VsCodeHandoff.CODE_PROPERTY);
        }
    }
}
