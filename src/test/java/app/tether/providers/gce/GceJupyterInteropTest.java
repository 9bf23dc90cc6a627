package app.tether.providers.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.cli.Cli;
import app.tether.cli.CliContext;
import app.tether.core.Environment;
import app.tether.inventory.GceInstance;
import app.tether.inventory.InventoryStore;
import app.tether.jupyter.JupyterService;
import app.tether.jupyter.RemoteTestUser;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import app.tether.testing.Interop;
import app.tether.testing.OpenSshServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tether jupyter …} and {@code tether open} on a plain GCE VM: the VM's SSH server (the stand-in's natIP,
 * a real sshd) gets a real jupyter-server through the same Jupyter service as an SSH server, and open reaches it.
 */
@ExtendWith(EnglishMessages.class)
@Tag("interop")
class GceJupyterInteropTest {
    private static final String P = GceTestbed.PROJECT;
    private static final String Z = GceTestbed.ZONE;
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/(?:lab|tree)?\\?token=(\\S+)");
    private static final Pattern ANY_URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\S*");

    @TempDir
    Path dir;
    private GceTestbed bed;
    private VmSshd vm;
    private RemoteTestUser user;
    private Environment environment;
    private CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        Interop.requireProgram("/usr/bin/jupyter-server");
        user = RemoteTestUser.prepare();
        user.clean();
        bed = GceTestbed.start(dir);
        vm = VmSshd.start(dir.resolve("sshd"), bed.compute(), user.name());
        if (Files.notExists(vm.sshd().authorizedKeys())) {
            Files.createFile(vm.sshd().authorizedKeys());
        }
        RemoteTestUser.openPathFor(vm.sshd().authorizedKeys());
        environment = vm.tell(bed.environment().withVariable("USER", user.name()));
        cli = CliRunner.withTestSessions(environment);
        bed.compute().addInstance(P, Z, "nb-1", "n1-standard-4", null, 0, true, "RUNNING");
        assertEquals(0, cli.run("add", "gce", "cpu-1", "--instance", "nb-1", "--zone", Z, "--project", P), cli.err());
    }

    @AfterEach
    void stop() throws Exception {
        if (user == null) {
            return;
        }
        try {
            if (vm != null && Files.exists(user.home().resolve(JupyterService.STATE_DIR).resolve("state.json"))) {
                cli.run("jupyter", "remove", "cpu-1");
            }
            user.killLeftoverJupyter();
        } finally {
            if (vm != null) {
                vm.close();
            }
            if (bed != null) {
                bed.close();
            }
            user.clean();
            user.close();
        }
    }

    @Test
    void jupyterSetupOnAPlainVmThenOpenAnswersThroughTheTunnel() throws Exception {
        int port = OpenSshServer.freePort();
        assertEquals(0, cli.run("jupyter", "setup", "cpu-1", "--accept-new-host-key", "--port", String.valueOf(port),
                "--install", "never"), cli.err());
        assertTrue(cli.out().contains("Jupyter is set up on \"cpu-1\" (port " + port + " on the server)."), cli.out());
        assertTrue(new InventoryStore(environment.inventoryFile()).load().require("cpu-1") instanceof GceInstance,
                "the VM stays a GCE target");

        assertEquals(0, cli.run("jupyter", "status", "cpu-1", "--json"), cli.err());
        assertTrue(cli.out().contains("\"running\" : true") || cli.out().contains("\"running\":true"), cli.out());
        assertTrue(cli.out().contains(String.valueOf(port)), cli.out());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread open = opening(out, err, "cpu-1");
        try {
            Matcher url = awaitUrl(out, err, open);
            assertEquals(200, get(Integer.parseInt(url.group(1)), "/api/status?token=" + url.group(2)), err.toString());
            assertEquals(403, get(Integer.parseInt(url.group(1)), "/api/status"), "Tether's own Jupyter wants its token");
        } finally {
            open.interrupt();
            open.join(10_000);
        }

        assertEquals(0, cli.run("jupyter", "stop", "cpu-1"), cli.err());
        assertEquals(0, cli.run("jupyter", "remove", "cpu-1"), cli.err());
        assertTrue(cli.out().contains("Removed Jupyter from \"cpu-1\"."), cli.out());
    }

    @Test
    void aStoppedVmIsNotStartedAndSaysSoInOneLine() throws Exception {
        bed.compute().addInstance(P, Z, "off-1", "n1-standard-4", null, 0, true, "TERMINATED");
        assertEquals(0, cli.run("add", "gce", "off", "--instance", "off-1", "--zone", Z, "--project", P), cli.err());
        assertEquals(1, cli.run("jupyter", "status", "off"));
        assertEquals("tether: \"off\" is not running (Compute Engine says TERMINATED); start it first.\n", cli.err());
        assertEquals("TERMINATED", bed.compute().instance(P, Z, "off-1").get("status").asText());
    }

    @Test
    void aDeepLearningVmsOwnJupyterLabOn8080IsReusedBySetupAndOpened() throws Exception {
        ObjectNode dl = bed.compute().addInstance(P, Z, "dl-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        ((ArrayNode) dl.get("metadata").get("items")).addObject().put("key", "proxy-mode").put("value", "project_editors");
        assertEquals(0, cli.run("add", "gce", "dl", "--instance", "dl-1", "--zone", Z, "--project", P), cli.err());
        Assumptions.assumeTrue(free(8080), "port 8080 is taken on this machine");
        // The image's notebook: on 8080 of the VM, without a token (Google's proxy guards it on a real one). Debian
        // has no JupyterLab package, so its classic Notebook stands in for the image's JupyterLab.
        Interop.requireProgram("/usr/bin/jupyter-notebook");
        Path home = Files.createDirectories(dir.resolve("dlvm"));
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/jupyter-notebook", "--allow-root", "--no-browser",
                "--NotebookApp.ip=127.0.0.1", "--NotebookApp.port=8080", "--NotebookApp.port_retries=0",
                "--NotebookApp.token=", "--NotebookApp.password=", "--NotebookApp.notebook_dir=" + home)
                .redirectErrorStream(true).redirectOutput(dir.resolve("dlvm.log").toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        Process image = builder.start();
        try {
            awaitAnswer(8080, image);
            assertEquals(0, cli.run("jupyter", "setup", "dl", "--accept-new-host-key"), cli.err());
            assertEquals("\"dl\" is a Deep Learning VM whose JupyterLab already answers on port 8080: Tether uses it"
                    + " instead of installing a second one.\n", cli.out());
            assertTrue(Files.notExists(user.home().resolve(JupyterService.STATE_DIR)), "nothing installed or set up");

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Thread open = opening(out, err, "dl");
            try {
                Matcher url = await(ANY_URL, out, err, open);
                assertEquals(200, get(Integer.parseInt(url.group(1)), "/api/status"), err.toString());
            } finally {
                open.interrupt();
                open.join(10_000);
            }
        } finally {
            image.destroy();
            image.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPreemptionDuringOpenOfAnAutomaticSpotVmBringsTheSameUrlBack() throws Exception {
        environment = environment.withVariable("TETHER_GCE_WATCH_POLL_MS", "300");
        cli = CliRunner.withTestSessions(environment);
        assertEquals(0, cli.run("add", "gce", "spot", "--instance", "nb-1", "--zone", Z, "--project", P,
                "--restart-after-preemption", "automatic"), cli.err());
        bed.compute().onRunning(instance -> {
            try {
                vm.sshd().restart(); // the VM boots again: its sshd listens
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(0, cli.run("jupyter", "setup", "spot", "--accept-new-host-key", "--port",
                String.valueOf(OpenSshServer.freePort()), "--install", "never"), cli.err());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread open = opening(out, err, "spot");
        try {
            Matcher url = awaitUrl(out, err, open);
            int port = Integer.parseInt(url.group(1));
            String status = "/api/status?token=" + url.group(2);
            assertEquals(200, get(port, status));

            vm.sshd().killWithConnections();
            bed.compute().preempt(P, Z, "nb-1");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!err.toString().contains("spot was preempted by the cloud") || answer(port, status) != 200) {
                assertTrue(System.nanoTime() < deadline && open.isAlive(), "no answer after the restart; err: " + err);
                Thread.sleep(300);
            }
            assertEquals("RUNNING", bed.compute().instance(P, Z, "nb-1").get("status").asText());
            assertTrue(out.toString().strip().lines().count() == 1, "one URL, the same one: " + out);
        } finally {
            open.interrupt();
            open.join(10_000);
        }
    }

    private static int answer(int port, String path) {
        try {
            return get(port, path);
        } catch (Exception notYet) {
            return -1;
        }
    }

    private Thread opening(StringWriter out, StringWriter err, String name) {
        CliContext context = new CliContext(environment, new PrintWriter(out, true), new PrintWriter(err, true));
        context.sshSessionsFactory(() -> new SshSessions(environment, context.hostKeyPolicy(), SshPrompts.NONE,
                Duration.ofSeconds(10), null));
        Thread open = new Thread(() -> Cli.run(new String[] {"open", name, "--no-browser"}, context));
        open.start();
        return open;
    }

    private static int get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitAnswer(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                get(port, "/api/status");
                return;
            } catch (java.io.IOException notYet) {
                assertTrue(process.isAlive() && System.nanoTime() < deadline, "the image's Jupyter did not answer");
                Thread.sleep(200);
            }
        }
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Matcher awaitUrl(StringWriter out, StringWriter err, Thread open) throws InterruptedException {
        return await(URL, out, err, open);
    }

    private static Matcher await(Pattern pattern, StringWriter out, StringWriter err, Thread open)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && open.isAlive()) {
            Matcher matcher = pattern.matcher(out.toString());
            if (matcher.find()) {
                return matcher;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no URL; out: " + out + "; err: " + err);
    }
}
