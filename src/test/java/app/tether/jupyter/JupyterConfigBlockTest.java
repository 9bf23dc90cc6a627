package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.testing.Interop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JupyterConfigBlockTest {
    private static final String WEIRD_DIR = "/home/u/my \"nb\" it's $(touch /tmp/pwned-config) `id` \\x\\ \n"
            + "c.ServerApp.ip = '*'\n# 中文 \u2028 end";

    @TempDir
    Path dir;

    private static JupyterConfigBlock.Settings token(int major, String root) {
        return new JupyterConfigBlock.Settings(major, 8890, root, false, null, false);
    }

    @Test
    void tokenBlockForServer1ListensOnLoopbackWithoutBrowser() {
        assertEquals(JupyterConfigBlock.BEGIN + "\n"
                + "# The token comes from JUPYTER_TOKEN, set from a 0600 environment file by the service.\n"
                + "c.ServerApp.ip = '127.0.0.1'\n"
                + "c.ServerApp.port = 8890\n"
                + "c.ServerApp.port_retries = 0\n"
                + "c.ServerApp.open_browser = False\n"
                + "c.ServerApp.root_dir = '/home/u/work'\n"
                + JupyterConfigBlock.END + "\n", JupyterConfigBlock.render(token(1, "/home/u/work")));
    }

    @Test
    void passwordOptionDependsOnServerVersion() {
        String hash = "argon2:$argon2id$v=19$m=10240,t=10,p=8$c2FsdA$aGFzaA";
        String v1 = JupyterConfigBlock.render(new JupyterConfigBlock.Settings(1, 8888, "/r", false, hash, false));
        assertTrue(v1.contains("c.ServerApp.password = '" + hash + "'\nc.ServerApp.token = ''\n"), v1);
        assertFalse(v1.contains("PasswordIdentityProvider"));
        String v2 = JupyterConfigBlock.render(new JupyterConfigBlock.Settings(2, 8888, "/r", false, hash, false));
        assertTrue(v2.contains("c.PasswordIdentityProvider.hashed_password = '" + hash + "'\n"), v2);
        assertTrue(v2.contains("c.IdentityProvider.token = ''\n"), v2);
        assertFalse(v2.contains("c.ServerApp.password"));
    }

    @Test
    void allowRootOnlyWhenAskedFor() {
        assertFalse(JupyterConfigBlock.render(token(1, "/r")).contains("allow_root"));
        assertTrue(JupyterConfigBlock.render(new JupyterConfigBlock.Settings(1, 8888, "/r", true, null, false))
                .contains("c.ServerApp.allow_root = True\n"));
    }

    @Test
    void openingToTheNetworkNeedsAPassword() {
        TetherException e = assertThrows(TetherException.class,
                () -> new JupyterConfigBlock.Settings(1, 8888, "/r", false, null, true));
        assertEquals(ErrorCode.USAGE, e.code());
        String open = JupyterConfigBlock.render(new JupyterConfigBlock.Settings(1, 8888, "/r", false, "argon2:x", true));
        assertTrue(open.contains("c.ServerApp.ip = '*'\n"), open);
    }

    @Test
    void applyingTwiceGivesIdenticalBytes() {
        String user = "# my own settings\nc.ServerApp.terminals_enabled = False\n";
        String once = JupyterConfigBlock.apply(user, token(1, "/r"));
        assertEquals(once, JupyterConfigBlock.apply(once, token(1, "/r")));
        assertTrue(once.startsWith(user), once);
    }

    @Test
    void reapplyingWithOtherValuesReplacesOnlyTheBlockAndKeepsLinesAfterIt() {
        String user = "a = 1\n";
        String after = "# added later by the user\nb = 2\n";
        String text = JupyterConfigBlock.apply(user, token(1, "/r")) + after;
        String changed = JupyterConfigBlock.apply(text, new JupyterConfigBlock.Settings(1, 9999, "/other", false, null, false));
        assertEquals(user + JupyterConfigBlock.render(new JupyterConfigBlock.Settings(1, 9999, "/other", false, null, false))
                + after, changed);
    }

    @Test
    void fileWithoutFinalNewlineGetsOneBeforeTheBlockAndRemoveLeavesTheUserLines() {
        String user = "c.ServerApp.terminals_enabled = False";
        String applied = JupyterConfigBlock.apply(user, token(1, "/r"));
        assertTrue(applied.startsWith(user + "\n" + JupyterConfigBlock.BEGIN), applied);
        assertEquals(user + "\n", JupyterConfigBlock.remove(applied));
        assertEquals("", JupyterConfigBlock.remove(JupyterConfigBlock.apply(null, token(1, "/r"))));
        assertEquals(user, JupyterConfigBlock.remove(user));
    }

    @Test
    void beginMarkerWithoutEndIsReportedNotOverwritten() {
        String broken = "x = 1\n" + JupyterConfigBlock.BEGIN + "\nc.ServerApp.port = 1\n";
        assertEquals(ErrorCode.INVALID, assertThrows(TetherException.class,
                () -> JupyterConfigBlock.apply(broken, token(1, "/r"))).code());
    }

    @Test
    void blockIsPlainAscii() {
        String block = JupyterConfigBlock.render(token(1, WEIRD_DIR));
        assertTrue(block.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), block);
        assertEquals(JupyterConfigBlock.render(token(1, "/r")).lines().count(), block.lines().count());
    }

    @Test
    void pythonReadsBackExactlyTheNotebookDirAndRunsNothing() throws Exception {
        Interop.requireProgram("/usr/bin/python3");
        Path pwned = Path.of("/tmp/pwned-config");
        Files.deleteIfExists(pwned);
        Path config = dir.resolve("jupyter_server_config.py");
        Files.writeString(config, JupyterConfigBlock.apply("c.ServerApp.base_url = '/x/'\n", token(1, WEIRD_DIR)),
                StandardCharsets.UTF_8);
        // Loads the file the way traitlets does (exec with a Config called c) and prints what it set, as JSON.
        String script = "import json, sys\nfrom traitlets.config import Config\nc = Config()\n"
                + "exec(compile(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], 'exec'), {'c': c})\n"
                + "print(json.dumps({k: v for k, v in c.ServerApp.items()}, sort_keys=True))\n";
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", script, config.toString())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(python.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), output);
        var values = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output);
        assertEquals(WEIRD_DIR, values.get("root_dir").asText());
        assertEquals("127.0.0.1", values.get("ip").asText());
        assertEquals(8890, values.get("port").asInt());
        assertFalse(values.get("open_browser").asBoolean());
        assertEquals("/x/", values.get("base_url").asText());
        assertFalse(Files.exists(pwned));
    }
}
