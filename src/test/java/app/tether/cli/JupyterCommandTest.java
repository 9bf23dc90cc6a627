package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.jupyter.JupyterService;
import app.tether.jupyter.RemoteTestUser;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import app.tether.testing.Interop;
import app.tether.testing.OpenSshServer;
import app.tether.testing.SshTestbed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code tether jupyter ...} end to end against a real sshd and Debian's jupyter-server, as an unprivileged user. */
@ExtendWith(EnglishMessages.class)
@Tag("interop")
class JupyterCommandTest {
    @TempDir
    Path dir;

    private SshTestbed bed;
    private CliRunner cli;
    private RemoteTestUser user;

    @BeforeEach
    void start() throws Exception {
        Interop.requireProgram("/usr/bin/jupyter-server");
        user = RemoteTestUser.prepare();
        user.clean();
        bed = SshTestbed.start(dir);
        cli = CliRunner.withTestSessions(bed.environment());
        RemoteTestUser.openPathFor(bed.server().dir().resolve("authorized_keys"));
        assertEquals(0, run("add", "ssh", "gpu", "--host", "127.0.0.1", "--port", String.valueOf(bed.server().port()),
                "--user", user.name(), "--identity", bed.key().toString()), cli.err());
    }

    @AfterEach
    void stop() throws Exception {
        if (user == null) {
            return;
        }
        try {
            if (bed != null && Files.exists(user.home().resolve(JupyterService.STATE_DIR).resolve("state.json"))) {
                run("jupyter", "remove", "gpu");
            }
            user.killLeftoverJupyter();
        } finally {
            if (bed != null) {
                bed.close();
            }
            user.clean();
            user.close();
        }
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private JsonNode statusJson() throws Exception {
        assertEquals(0, run("jupyter", "status", "gpu", "--json"), cli.err());
        return new ObjectMapper().readTree(cli.out());
    }

    @Test
    void setupStatusLogsStopStartRemove() throws Exception {
        int port = OpenSshServer.freePort();
        assertEquals(0, run("jupyter", "setup", "gpu", "--port", String.valueOf(port), "--install", "never",
                "--notebook-dir", "notebooks"), cli.err());
        assertTrue(cli.out().contains("[1/7] Looking at the server"), cli.out());
        assertTrue(cli.out().contains("[7/7]"), cli.out());
        assertTrue(cli.out().contains("Jupyter is set up on \"gpu\" (port " + port + " on the server)."), cli.out());
        SshServer saved = (SshServer) new InventoryStore(bed.environment().inventoryFile()).load().require("gpu");
        assertEquals(port, saved.jupyter().port());
        assertEquals("notebooks", saved.jupyter().notebookDir());
        assertTrue(Files.isDirectory(user.home().resolve("notebooks")));

        JsonNode status = statusJson();
        assertTrue(status.get("running").asBoolean(), cli.out());
        assertEquals(port, status.get("port").asInt());
        assertEquals("background", status.get("service").asText());
        assertEquals("6.4.12", status.get("version").asText(), "Debian's classic Notebook: an interface to use");
        assertEquals("notebook", status.get("ui").asText());
        assertEquals(0, status.get("kernels").asInt());

        assertEquals(0, run("jupyter", "status", "gpu"), cli.err());
        assertTrue(cli.out().contains("State: running"), cli.out());
        assertTrue(cli.out().contains("Interface: /tree"), cli.out());
        assertEquals(0, run("jupyter", "logs", "gpu", "--lines", "3"), cli.err());
        assertTrue(cli.out().lines().count() <= 3 && cli.out().lines().count() > 0, cli.out());

        assertEquals(0, run("jupyter", "stop", "gpu"), cli.err());
        assertTrue(!statusJson().get("running").asBoolean());
        assertEquals(0, run("jupyter", "start", "gpu"), cli.err());
        JsonNode started = statusJson();
        assertTrue(started.get("running").asBoolean());
        assertEquals(0, started.get("kernels").asInt(), "start returns once Jupyter answers");
        assertEquals(0, run("jupyter", "restart", "gpu"), cli.err());

        assertEquals(0, run("jupyter", "remove", "gpu"), cli.err());
        assertTrue(cli.out().contains("Removed Jupyter from \"gpu\"."), cli.out());
        JsonNode removed = statusJson();
        assertTrue(!removed.get("setUp").asBoolean() && !removed.get("running").asBoolean(), cli.out());
        assertEquals(1, run("jupyter", "start", "gpu"));
        assertTrue(cli.err().contains("not set up"), cli.err());
    }

    @Test
    void badOptionsAreUsageErrorsAndTouchNothing() {
        assertEquals(2, run("jupyter", "setup", "gpu", "--install", "sometimes"));
        assertEquals(2, run("jupyter", "setup", "gpu", "--service", "cron"));
        assertEquals(2, run("jupyter", "setup", "gpu", "--open-to-network"));
        assertTrue(cli.err().contains("password"), cli.err());
        assertEquals(2, run("jupyter", "setup", "gpu", "--install", "never", "--extras", "zh,gpu"));
        assertEquals(2, run("jupyter", "logs", "gpu", "--lines", "0"));
        assertEquals(1, run("jupyter", "status", "nope"));
        assertTrue(Files.notExists(user.home().resolve(JupyterService.STATE_DIR).resolve("state.json")));
    }

    @Test
    void passwordIsReadFromTheFirstLineOfStdin() {
        char[] password = JupyterCommand.readPassword(new ByteArrayInputStream("pä ss\r\nnext".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("pä ss".toCharArray(), password);
        assertEquals(2, org.junit.jupiter.api.Assertions.assertThrows(app.tether.core.TetherException.class,
                () -> JupyterCommand.readPassword(new ByteArrayInputStream(new byte[0]))).code().exitCode());
    }
}
