package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.jupyter.NotebookUi;
import app.tether.testing.LocalJupyter;
import app.tether.testing.OpenSshServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health check and interface check against real Jupyter servers (jupyter_server, classic Notebook). */
@Tag("interop")
class JupyterHealthTest {
    private static final String TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0aabbccdd";
    private final JupyterHealth health = new JupyterHealth(Duration.ofSeconds(5));

    @Test
    void aTokenTheServerRefusesFailsAtOnceInsteadOfWaitingOutTheBound(@TempDir Path dir) throws Exception {
        try (LocalJupyter server = LocalJupyter.start(LocalJupyter.SERVER, dir, TOKEN)) {
            assertTrue(health.awaitHealthy(server.port(), "/", TOKEN, Duration.ofSeconds(60)));
            long started = System.nanoTime();
            assertFalse(health.awaitHealthy(server.port(), "/", "rotated-by-another-setup", Duration.ofSeconds(60)));
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertTrue(seconds < 5, "a refused token took " + seconds + " s to report");
            assertEquals(403, health.statusCode(server.port(), "/", "rotated-by-another-setup"));
        }
    }

    @Test
    void nothingListeningWaitsForTheBound() throws Exception {
        long started = System.nanoTime();
        assertFalse(health.awaitHealthy(OpenSshServer.freePort(), "/", TOKEN, Duration.ofSeconds(2)));
        assertTrue(System.nanoTime() - started >= Duration.ofSeconds(2).toNanos());
    }

    @Test
    void findsTheClassicNotebooksTreeAndNoInterfaceOnABareServer(@TempDir Path dir) throws Exception {
        try (LocalJupyter classic = LocalJupyter.start(LocalJupyter.CLASSIC_NOTEBOOK, dir.resolve("classic"), TOKEN)) {
            assertEquals(NotebookUi.NOTEBOOK, health.ui(classic.port(), "/", TOKEN));
            assertEquals("tree", health.uiPath(classic.port(), "/", TOKEN));
        }
        try (LocalJupyter bare = LocalJupyter.start(LocalJupyter.SERVER, dir.resolve("bare"), TOKEN)) {
            assertEquals(NotebookUi.NONE, health.ui(bare.port(), "/", TOKEN));
            assertEquals("", health.uiPath(bare.port(), "/", TOKEN));
        }
    }
}
