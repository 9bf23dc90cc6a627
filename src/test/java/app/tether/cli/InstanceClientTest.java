package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.instance.Frames;
import app.tether.testing.CliRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which commands the CLI sends to the instance, when it may start one, and the request's encoding. */
class InstanceClientTest {
    @TempDir
    Path dir;

    @Test
    void sendsCommandsThatReuseSessionsAndTunnelsAndKeepsTheRestLocal() {
        assertTrue(InstanceClient.sendable(new String[] {"exec", "gpu1", "--", "true"}));
        assertTrue(InstanceClient.sendable(new String[] {"status", "gpu1", "--json"}));
        assertTrue(InstanceClient.sendable(new String[] {"--version"}));
        assertTrue(InstanceClient.sendable(new String[] {"open", "gpu1", "--no-browser"}));
        // a remote command that looks like a Tether option or command name is the command's business
        assertTrue(InstanceClient.sendable(new String[] {"exec", "gpu1", "--", "ls", "--accept-new-host-key"}));
        assertFalse(InstanceClient.sendable(new String[] {"--accept-new-host-key", "exec", "gpu1", "--", "true"}));
        assertFalse(InstanceClient.sendable(new String[] {"exec", "--accept-new-host-key", "gpu1", "--", "true"}));
        assertFalse(InstanceClient.sendable(new String[] {"instance", "run"}));
        assertFalse(InstanceClient.sendable(new String[] {"add", "ssh", "x", "--host", "h"}));
        assertFalse(InstanceClient.sendable(new String[] {"cnb", "login"}));
        assertFalse(InstanceClient.sendable(new String[] {"--bogus", "list"}));
        assertFalse(InstanceClient.sendable(new String[0]));
    }

    /** A background instance started with the runtime's java gets the JVM options the app's launcher gives. */
    @Test
    void anInstanceStartedWithJavaGetsTheAppImagesJvmOptions() throws Exception {
        List<String> image = Files.readAllLines(Path.of("packaging/jpackage/args-image.txt")).stream()
                .filter(line -> line.startsWith("--java-options ")).map(line -> line.substring(15).strip()).toList();
        assertEquals(image, InstanceClient.JVM_OPTIONS);
    }

    @Test
    void theModeComesFromTheVariableThenCiThenSettings() throws Exception {
        Path settings = dir.resolve("settings.properties");
        assertEquals(InstanceClient.Mode.USE, InstanceClient.mode(Map.of(), settings));
        assertEquals(InstanceClient.Mode.OFF, InstanceClient.mode(Map.of("CI", "true"), settings));
        assertEquals(InstanceClient.Mode.AUTO, InstanceClient.mode(Map.of("CI", "true", "TETHER_INSTANCE", "auto"),
                settings));
        assertEquals(InstanceClient.Mode.REQUIRED, InstanceClient.mode(Map.of("TETHER_INSTANCE", "required"), settings));
        assertEquals(InstanceClient.Mode.OFF, InstanceClient.mode(Map.of("TETHER_INSTANCE", "off"), settings));
        Files.writeString(settings, "language = en\ninstance.keepRunning = true\n");
        assertEquals(InstanceClient.Mode.AUTO, InstanceClient.mode(Map.of(), settings));
        assertEquals(InstanceClient.Mode.OFF, InstanceClient.mode(Map.of("CI", "TRUE"), settings));
    }

    @Test
    void aRequestKeepsRawArgumentBytesEnvironmentAndTerminal() throws Exception {
        byte[] latin1 = {'c', (byte) 0xe9};
        Frames.Request request = new Frames.Request(List.of("exec", "box", "--", "c\uFFFD"),
                List.of("exec".getBytes(StandardCharsets.UTF_8), "box".getBytes(StandardCharsets.UTF_8),
                        "--".getBytes(StandardCharsets.UTF_8), latin1),
                Map.of("HOME", "/home/ü", "TETHER_HOME", "/t"), "/work", "zh-CN", true);
        Frames.Request decoded = Frames.Request.decode(request.encode());
        assertEquals(request.args(), decoded.args());
        assertArrayEquals(latin1, decoded.rawArgs().get(3));
        assertEquals(request.environment(), decoded.environment());
        assertEquals("/work", decoded.cwd());
        assertEquals("zh-CN", decoded.language());
        assertTrue(decoded.console());
        Frames.Request noRaw = new Frames.Request(List.of("list"), null, Map.of(), "", "en", false);
        assertEquals(null, Frames.Request.decode(noRaw.encode()).rawArgs());
    }

    @Test
    void tunnelsWithoutAnInstanceSaysNoneRunsWithExitOne() {
        CliRunner cli = CliRunner.of(new Environment(dir.resolve("tether"), dir.resolve("home")));
        assertEquals(1, cli.run("tunnels"));
        assertEquals("", cli.out());
        assertEquals("tether: No background Tether is running (start one with 'tether instance run' or open the"
                + " window).\n", cli.err());
        assertEquals(1, cli.run("tunnels", "close", "gpu1"));
    }
}
