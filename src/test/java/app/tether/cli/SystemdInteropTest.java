package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Messages;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.ssh.HostKeyPolicy;
import app.tether.ssh.SshPrompts;
import app.tether.ssh.SshSessions;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SystemdContainer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jupyter as a systemd service on a real systemd: a Debian tree booted with systemd-nspawn (systemd as PID 1,
 * its own sshd, Debian's classic Notebook), driven through the CLI as a user would, including a reboot of the
 * server after which Jupyter is back by itself and {@code tether open}'s tunnel answers on the same local port.
 */
@Tag("interop")
class SystemdInteropTest {
    private static final Duration BACK_AFTER_REBOOT = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private SystemdContainer server;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void boot() throws Exception {
        Messages.setLocale(Locale.ENGLISH);
        server = SystemdContainer.boot(dir.resolve("container"));
        new InventoryStore(server.environment().inventoryFile()).save(Inventory.empty().add(server.target("sd")));
    }

    @AfterEach
    void stop() throws Exception {
        runner.shutdownNow();
        runner.awaitTermination(30, TimeUnit.SECONDS);
        if (server != null) {
            server.close();
        }
        Messages.setLocale(Messages.defaultLocale());
    }

    private CliContext context() {
        out = new StringWriter();
        err = new StringWriter();
        CliContext context = new CliContext(server.environment(), new PrintWriter(out, true), new PrintWriter(err, true));
        context.sshSessionsFactory(() -> new SshSessions(server.environment(), HostKeyPolicy.REFUSE_UNKNOWN,
                SshPrompts.NONE, Duration.ofSeconds(10), null));
        return context;
    }

    private int run(String... args) {
        return Cli.run(args, context());
    }

    private JsonNode status() throws IOException {
        assertEquals(0, run("jupyter", "status", "sd", "--json"), err::toString);
        return new ObjectMapper().readTree(out.toString());
    }

    private static int get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void userUnitWithLingerComesBackAfterARebootAndOpensOnTheSameLocalPortAgain() throws Exception {
        int port = OpenSshServer.freePort();
        assertEquals(0, run("jupyter", "setup", "sd", "--service", "systemd-user", "--install", "never",
                "--port", String.valueOf(port)), () -> out + "\n" + err);
        assertTrue(out.toString().contains("Enabled lingering"), out::toString);
        assertTrue(Files.exists(server.path("/var/lib/systemd/linger/" + SystemdContainer.USER)), "no linger");
        assertTrue(Files.exists(server.path("/home/tester/.config/systemd/user/tether-jupyter.service")));

        JsonNode status = status();
        assertEquals("systemd-user", status.get("service").asText());
        assertTrue(status.get("running").asBoolean(), status::toString);
        assertEquals("notebook", status.get("ui").asText(), status::toString);

        assertEquals(0, run("jupyter", "logs", "sd", "--lines", "200"), err::toString);
        assertTrue(out.toString().contains("Jupyter Notebook 6.4.12 is running"), "not from the journal: " + out);

        CliContext openContext = context();
        StringWriter openOut = out;
        Future<Integer> open = runner.submit(() -> Cli.run(new String[] {"open", "sd", "--no-browser"}, openContext));
        String url = awaitUrl(openOut, open);
        assertEquals(200, get(url), url);

        server.reboot();

        long deadline = System.nanoTime() + BACK_AFTER_REBOOT.toNanos();
        int code = get(url);
        while (code != 200 && System.nanoTime() < deadline && !open.isDone()) {
            Thread.sleep(1000);
            code = get(url);
        }
        assertEquals(200, code, "the notebook did not answer on the same local port after the reboot");
        assertFalse(open.isDone(), "open's tunnel ended with the reboot");
        JsonNode after = status();
        assertTrue(after.get("running").asBoolean(), "Jupyter is not back by itself: " + after);

        runner.shutdownNow();
        assertEquals(0, open.get(30, TimeUnit.SECONDS));
        assertEquals(0, run("jupyter", "remove", "sd"), err::toString);
        assertFalse(Files.exists(server.path("/home/tester/.config/systemd/user/tether-jupyter.service")));
        assertFalse(Files.exists(server.path("/home/tester/.local/share/tether")));
    }

    @Test
    void systemUnitThroughSudoComesBackAfterAReboot() throws Exception {
        int port = OpenSshServer.freePort();
        assertEquals(0, run("jupyter", "setup", "sd", "--service", "systemd-system", "--install", "never",
                "--port", String.valueOf(port)), () -> out + "\n" + err);
        Path unit = server.path("/etc/systemd/system/tether-jupyter-tester.service");
        assertTrue(Files.readString(unit).contains("User=tester\n"), unit::toString);
        JsonNode status = status();
        assertEquals("systemd-system", status.get("service").asText());
        assertTrue(status.get("running").asBoolean(), status::toString);
        assertEquals("notebook", status.get("ui").asText(), status::toString);
        assertEquals(0, run("jupyter", "logs", "sd", "--lines", "200"), err::toString);
        assertTrue(out.toString().contains("Jupyter Notebook 6.4.12 is running"), "not from the journal: " + out);

        server.reboot();

        JsonNode after = status();
        long deadline = System.nanoTime() + BACK_AFTER_REBOOT.toNanos();
        while (!after.get("running").asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            after = status();
        }
        assertTrue(after.get("running").asBoolean(), "Jupyter is not back by itself: " + after);
        assertEquals(0, after.get("kernels").asInt(), "answers with the token after the reboot: " + after);

        assertEquals(0, run("jupyter", "remove", "sd"), err::toString);
        assertFalse(Files.exists(unit));
    }

    private static String awaitUrl(StringWriter output, Future<Integer> command) throws Exception {
        Pattern url = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/\\S*");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher matcher = url.matcher(output.toString());
            if (matcher.find()) {
                return matcher.group();
            }
            if (command.isDone()) {
                throw new AssertionError("open ended with " + command.get() + ": " + output);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("open printed no URL: " + output);
    }
}
