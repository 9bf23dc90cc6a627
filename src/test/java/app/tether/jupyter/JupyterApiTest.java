package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.testing.LocalJupyter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private LocalJupyter server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        server = LocalJupyter.start(LocalJupyter.SERVER, dir, TOKEN);
        port = server.port();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
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

    @Test
    void tethersOwnRequestsDoNotCountAsActivityButTheUsersDo() throws Exception {
        JupyterApi api = api(TOKEN);
        java.time.Instant before = api.state().lastActivity();
        Thread.sleep(1100);
        api.version();
        api.kernels();
        api.statusCode();
        assertEquals(before, api.state().lastActivity(), "Tether's own requests moved last_activity");

        // what a user's browser does: an authenticated API request
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/kernels"))
                        .header("Authorization", "token " + TOKEN).timeout(Duration.ofSeconds(5)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(api.state().lastActivity().isAfter(before), "the user's request is activity");
    }

    @Test
    void aBareJupyterServerHasNoNotebookInterface() {
        assertEquals(NotebookUi.NONE, api(TOKEN).ui());
        assertEquals(NotebookUi.NONE, api(null).ui());
    }

    @Test
    void theClassicNotebookServesTreeWithTheTokenAndRedirectsWithout(@TempDir Path other) throws Exception {
        try (LocalJupyter classic = LocalJupyter.start(LocalJupyter.CLASSIC_NOTEBOOK, other, TOKEN)) {
            JupyterApi api = new JupyterApi(URI.create(classic.base()), TOKEN, Duration.ofSeconds(5));
            assertEquals("6.4.12", api.version());
            assertEquals(NotebookUi.NOTEBOOK, api.ui());
            assertEquals(NotebookUi.NOTEBOOK, new JupyterApi(URI.create(classic.base()), null, Duration.ofSeconds(5)).ui());
            assertEquals(200, api.statusCode());
            assertEquals(0, api.state().kernels());
        }
    }
}
