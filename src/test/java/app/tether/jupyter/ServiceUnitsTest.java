package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.io.TempDir;

class ServiceUnitsTest {
    private static final String ANALYZE = "/usr/bin/systemd-analyze";

    @TempDir
    Path dir;

    private static ServiceUnits.Spec spec(String python) {
        return new ServiceUnits.Spec(List.of(python, "-m", "jupyter_server"), "/home/ml",
                "/home/ml/.local/share/tether/jupyter/env");
    }

    @Test
    void userUnitText() {
        assertEquals("# Written by Tether ('tether jupyter setup'); 'tether jupyter remove' deletes it.\n"
                + "[Unit]\nDescription=Jupyter server (Tether)\n\n"
                + "[Service]\nType=simple\n"
                + "EnvironmentFile=/home/ml/.local/share/tether/jupyter/env\n"
                + "WorkingDirectory=/home/ml\n"
                + "ExecStart=\"/usr/bin/python3\" \"-m\" \"jupyter_server\"\n"
                + "Restart=on-failure\nRestartSec=5s\n\n[Install]\nWantedBy=default.target\n",
                ServiceUnits.userUnit(spec("/usr/bin/python3")));
    }

    @Test
    void systemUnitRunsAsTheUserAfterTheNetwork() {
        String unit = ServiceUnits.systemUnit(spec("/usr/bin/python3"), "ml");
        assertTrue(unit.contains("\nUser=ml\n"), unit);
        assertTrue(unit.contains("\nAfter=network.target\n"), unit);
        assertTrue(unit.contains("\nWantedBy=multi-user.target\n"), unit);
        assertEquals("tether-jupyter-ml.service", ServiceUnits.systemUnitName("ml"));
        assertEquals("tether-jupyter-a_b.service", ServiceUnits.systemUnitName("a/b"));
    }

    @Test
    void relativePathsAndUnsayableValuesAreRefused() {
        assertThrows(TetherException.class, () -> spec("python3"));
        assertThrows(TetherException.class, () -> new ServiceUnits.Spec(List.of("/usr/bin/python3"), "/h", "env"));
        assertThrows(TetherException.class, () -> ServiceUnits.userUnit(
                new ServiceUnits.Spec(List.of("/usr/bin/python3"), "/h\nExecStartPre=/bin/rm", "/h/env")));
        assertThrows(TetherException.class, () -> ServiceUnits.systemUnit(spec("/usr/bin/python3"), "a\nb"));
    }

    @Test
    void argumentsAreQuotedForSystemd() {
        assertEquals("\"a b\\\"c\\\\d$$HOME%%n\\n\"", ServiceUnits.execArgument("a b\"c\\d$HOME%n\n"));
    }

    @Test
    void generatedUnitsPassSystemdAnalyzeVerify() throws Exception {
        Interop.requireProgram(ANALYZE);
        verify(ServiceUnits.userUnit(spec("/usr/bin/python3")));
        verify(ServiceUnits.systemUnit(spec("/usr/bin/python3"), "root"));
    }

    /** A venv whose path has spaces, quotes, $ and % still gives a unit systemd accepts (and runs that python). */
    @Test
    void oddProgramPathsPassVerify() throws Exception {
        Interop.requireProgram(ANALYZE);
        for (String name : List.of("my env", "it's \"q\" $(touch x) 100% \\ end", "中文 env")) {
            Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
            Path python = Files.createSymbolicLink(bin.resolve("python"), Path.of("/usr/bin/python3"));
            String unit = ServiceUnits.userUnit(new ServiceUnits.Spec(List.of(python.toString(), "-m", "jupyter_server"),
                    dir.resolve(name).toString(), dir.resolve(name).resolve("env").toString()));
            verify(unit);
            Files.delete(python);
        }
    }

    private void verify(String unit) throws Exception {
        Path file = dir.resolve("units").resolve(ServiceUnits.USER_UNIT);
        Files.createDirectories(file.getParent());
        Files.writeString(file, unit, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(ANALYZE, "verify", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), unit + "\n" + output);
        assertEquals("", output.strip(), output);
    }
}
