package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.TetherException;
import app.tether.testing.Interop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Parsing detect.sh output, choosing the service kind, and the script itself run by the local sh. */
class DetectionTest {
    private static Detection of(String text) {
        return Detection.parse(text);
    }

    @Test
    void parsesKeyValueLinesFirstValueWins() {
        Detection d = of("user=ml\nuid=0\r\nhome=/root\njupyter_server=2.14.1\nport=8890\nuser=other\nnoise\n");
        assertEquals("ml", d.user());
        assertTrue(d.root());
        assertTrue(d.privileged());
        assertEquals(2, d.serverMajorVersion());
        assertEquals(8890, d.freePort());
        assertEquals("", d.get("missing"));
        assertNull(of("port=\n").freePort());
        assertEquals(1, of("jupyter_server=\n").serverMajorVersion());
    }

    @Test
    void systemPythonIsOneThatIsNeitherVenvNorCondaAndManagedOrReadOnly() {
        assertTrue(of("python_venv=0\npython_conda=0\npython_managed=1\npython_writable=1\n").pythonIsSystem());
        assertTrue(of("python_venv=0\npython_conda=0\npython_managed=0\npython_writable=0\n").pythonIsSystem());
        assertFalse(of("python_venv=1\npython_managed=1\n").pythonIsSystem());
        assertFalse(of("python_conda=1\npython_writable=0\n").pythonIsSystem());
    }

    @Test
    void autoPrefersUserSystemdThenSystemWithSudoThenBackground() {
        assertEquals(ServiceKind.SYSTEMD_USER, SetupRun.chooseService(ServiceKind.AUTO,
                of("systemd=1\nsystemd_user=1\nsudo=1\n")));
        assertEquals(ServiceKind.SYSTEMD_SYSTEM, SetupRun.chooseService(ServiceKind.AUTO,
                of("systemd=1\nsystemd_user=0\nsudo=1\n")));
        assertEquals(ServiceKind.SYSTEMD_SYSTEM, SetupRun.chooseService(ServiceKind.AUTO,
                of("systemd=1\nsystemd_user=0\nuid=0\n")));
        assertEquals(ServiceKind.BACKGROUND, SetupRun.chooseService(ServiceKind.AUTO,
                of("systemd=1\nsystemd_user=0\nsudo=0\nuid=1000\n")));
        assertEquals(ServiceKind.BACKGROUND, SetupRun.chooseService(ServiceKind.AUTO, of("systemd=0\n")));
    }

    @Test
    void anExplicitKindTheServerCannotDoIsAnError() {
        assertThrows(TetherException.class, () -> SetupRun.chooseService(ServiceKind.SYSTEMD_USER, of("systemd=1\n")));
        assertThrows(TetherException.class,
                () -> SetupRun.chooseService(ServiceKind.SYSTEMD_SYSTEM, of("systemd=1\nsudo=0\nuid=5\n")));
        assertEquals(ServiceKind.BACKGROUND, SetupRun.chooseService(ServiceKind.BACKGROUND,
                of("systemd=1\nsystemd_user=1\n")));
    }

    @Test
    void notebookDirIsResolvedAgainstTheRemoteHome() {
        assertEquals("/home/ml", SetupRun.notebookDir(null, "/home/ml"));
        assertEquals("/home/ml", SetupRun.notebookDir("~", "/home/ml"));
        assertEquals("/home/ml/nb", SetupRun.notebookDir("~/nb", "/home/ml"));
        assertEquals("/home/ml/nb x", SetupRun.notebookDir("nb x", "/home/ml"));
        assertEquals("/data/nb", SetupRun.notebookDir("/data/nb", "/home/ml"));
    }

    @Test
    void secretFilterMasksKnownTokensAndTokenParameters() {
        SecretFilter filter = new SecretFilter();
        filter.add("abcdef0123456789");
        assertEquals("JUPYTER_TOKEN=" + SecretFilter.MASK, filter.apply("JUPYTER_TOKEN=abcdef0123456789"));
        assertEquals("http://h:1/lab?token=" + SecretFilter.MASK + "&x=1", filter.apply("http://h:1/lab?token=zzzz9999&x=1"));
        assertEquals("http://127.0.0.1:8888/?token=...", filter.apply("http://127.0.0.1:8888/?token=..."));
    }

    /** The real script, run by the local /bin/sh with a hostile environment name: it looks, prints, runs nothing. */
    @Test
    void detectScriptRunsLocallyAndExecutesNothingFromItsArguments() throws Exception {
        Interop.requireProgram("/bin/sh");
        Path pwned = Path.of("/tmp/pwned-detect");
        Files.deleteIfExists(pwned);
        for (String env : List.of("", "it's \"x\" $(touch /tmp/pwned-detect) `touch /tmp/pwned-detect`",
                "/nonexistent/$(touch /tmp/pwned-detect)")) {
            Process sh = new ProcessBuilder(List.of("/bin/sh", "-c", RemoteScripts.DETECT, "sh", env, "18888"))
                    .redirectErrorStream(true).start();
            String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(sh.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, sh.exitValue(), output);
            Detection found = Detection.parse(output);
            assertFalse(found.user().isEmpty(), output);
            assertTrue(found.home().startsWith("/"), output);
            assertEquals(env.isEmpty() ? "auto" : env.contains("/") ? "path" : "conda", found.envKind(), output);
            if (!env.isEmpty()) {
                assertFalse(found.envFound(), output);
            }
        }
        assertFalse(Files.exists(pwned));
    }
}
