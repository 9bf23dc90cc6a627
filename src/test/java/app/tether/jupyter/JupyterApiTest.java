package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.testing.Interop;
import app.tether.testing.OpenSshServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP client against Debian's real jupyter-server on loopback. */
@Tag("interop")
class JupyterApiTest {
    private static final String TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f9000112233";

    @TempDir
    Path dir;

    private Process server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        Interop.requireProgram("/usr/bin/jupyter-server");
        port = OpenSshServer.freePort();
        Path root = Files.createDirectories(dir.resolve("root"));
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/jupyter-server", "--allow-root", "--no-browser",
                "--ServerApp.ip=127.0.0.1", "--ServerApp.port=" + port, "--ServerApp.port_retries=0",
                "--ServerApp.root_dir=" + root)
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString());
        builder.environment().put("JUPYTER_CONFIG_DIR", dir.resolve("config").toString());
        builder.environment().put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("JUPYTER_TOKEN", TOKEN);
        server = builder.start();
        JupyterApi api = new JupyterApi(URI.create("http://127.0.0.1:" + port + "/"), TOKEN, Duration.ofSeconds(5));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                api.statusCode();
                return;
            } catch (app.tether.core.TetherException notYet) {
                assertTrue(server.isAlive(), () -> "jupyter-server exited: " + read(dir.resolve("server.log")));
                assertTrue(System.nanoTime() < deadline, "jupyter-server did not answer within 60 s");
                Thread.sleep(200);
            }
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private JupyterApi api(String token) {
        return new JupyterApi(URI.create("http://127.0.0.1:" + port + "/"), token, Duration.ofSeconds(5));
    }

    @Test
    void statusIs200WithTheTokenAnd403WithoutOrWrong() {
        assertEquals(200, api(TOKEN).statusCode());
        assertEquals(403, api(null).statusCode());
        assertEquals(403, api("wrong").statusCode());
    }

    @Test
    void versionStateAndKernels() {
        JupyterApi api = api(TOKEN);
        assertEquals("1.23.3", api.version());
        JupyterApi.ServerState state = api.state();
        assertEquals(0, state.kernels());
        assertNotNull(state.lastActivity());
        assertNotNull(state.started());
        assertEquals(List.of(), api.kernels());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
