package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The README's promises for every command: usage errors exit 2, one clear line, bounded input, reasons given. */
@ExtendWith(EnglishMessages.class)
class CliConsistencyTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void runner() {
        cli = CliRunner.of(new Environment(dir.resolve("tether-home"), dir.resolve("home")));
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void invalidOptionValuesAreUsageErrors() throws Exception {
        assertEquals(0, run("add", "ssh", "a", "--host", "h"));
        assertEquals(2, run("add", "ssh", "a", "--host", "h2"), cli.err());
        assertEquals(2, run("add", "ssh", "b", "--host", "h", "--port", "70000"), cli.err());
        assertEquals(2, run("add", "ssh", "c", "--ssh-alias", "nowhere"), cli.err());
        assertEquals(2, run("add", "ssh", "d", "--host", "h", "--price", "USD abc"), cli.err());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
    }

    @Test
    void pricesArePlainDecimalsInASaneRange() {
        long start = System.nanoTime();
        for (String price : new String[] {"USD 1e999999999", "USD 1E3", "USD -1", "USD 1000001", "USD 0.123456",
            "USD 1,5", "USD +2"}) {
            assertEquals(2, run("add", "ssh", "p", "--host", "h", "--price", price), price + ": " + cli.err());
        }
        assertEquals(0, run("add", "ssh", "p", "--host", "h", "--price", "USD 99999.9999"), cli.err());
        assertEquals(0, run("list", "--json"));
        assertTrue(cli.out().contains("99999.9999"), cli.out());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 10);
    }

    @Test
    void aPriceOutOfRangeInTheFileIsReportedNotExpanded() throws Exception {
        Path file = dir.resolve("tether-home/inventory.json");
        Files.createDirectories(file.getParent());
        String text = "{\"schemaVersion\":1,\"targets\":[{\"kind\":\"ssh\",\"name\":\"x\",\"host\":\"h\","
                + "\"price\":{\"currency\":\"USD\",\"amount\":\"1e999999999\"}}]}";
        Files.writeString(file, text);
        assertEquals(1, run("list", "--json"));
        assertTrue(cli.err().contains("damaged"), cli.err());
        assertEquals(text, Files.readString(file));
    }

    @Test
    void portsAreDigitsInRange() {
        for (String port : new String[] {"0", "65536", "+22", "２２", "-1", "99999999999"}) {
            assertEquals(2, run("add", "ssh", "p", "--host", "h", "--port", port), port + ": " + cli.err());
        }
    }

    @Test
    void namesHaveALengthLimitAndNoControlOrBidiCharacters() {
        assertEquals(2, run("add", "ssh", "x".repeat(81), "--host", "h"), cli.err());
        assertTrue(cli.err().contains("at most 80"), cli.err());
        for (String name : new String[] {"evil\u202Etxt.exe", "a\u2066b", "zero\u200Bwidth", "tab\tname"}) {
            assertEquals(2, run("add", "ssh", name, "--host", "h"), name + ": " + cli.err());
            // The refused value is quoted with the invisible character escaped, so the error line cannot be spoofed.
            assertTrue(cli.err().chars().noneMatch(c -> Character.getType(c) == Character.FORMAT || c == '\t'),
                    cli.err());
        }
        assertTrue(cli.err().contains("tab\\tname"), cli.err());
        assertEquals(0, run("add", "ssh", "服".repeat(80), "--host", "h"), cli.err());
    }

    @Test
    void aMissingRequiredOptionHasOnePrefix() {
        assertEquals(2, run("add", "ssh", "x"));
        assertTrue(cli.err().startsWith("tether: Missing"), cli.err());
        assertFalse(cli.err().contains("Error:"), cli.err());
    }

    @Test
    void importSkipsTethersOwnManagedBlocks() throws Exception {
        Path ssh = Files.createDirectories(dir.resolve("home/.ssh"));
        Files.writeString(ssh.resolve("config"), """
                # BEGIN TETHER MANAGED HOST tether-gpu
                # Written by Tether for "gpu"; Tether rewrites this block, so change the target in Tether instead.
                Host tether-gpu
                    HostName 10.0.0.1
                # END TETHER MANAGED HOST tether-gpu

                Host mine
                    HostName 10.0.0.2
                """);
        assertEquals(0, run("import-ssh-config"), cli.err());
        assertEquals(0, run("list", "--json"));
        assertTrue(cli.out().contains("\"mine\"") && !cli.out().contains("tether-gpu"), cli.out());
    }

    @Test
    void anIdentityThatIsAFolderIsCalledOne() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("keys"));
        assertEquals(2, run("add", "ssh", "k", "--host", "h", "--identity", folder.toString()));
        assertTrue(cli.err().contains("is a folder"), cli.err());
    }

    @Test
    void anUnreadableInventoryAndAnUnwritableHomeSayWhy() throws Exception {
        Path home = dir.resolve("tether-home");
        Files.createDirectories(home.resolve("inventory.json")); // a folder where the file should be
        assertEquals(1, run("list"));
        assertTrue(cli.err().contains("it is a folder, not a file"), cli.err());

        // /proc is never writable: the folder cannot be made there.
        CliRunner readOnly = CliRunner.of(new Environment(Path.of("/proc/self/tether-home"), dir.resolve("home")));
        assertEquals(1, readOnly.run("add", "ssh", "x", "--host", "h"));
        String line = readOnly.err().strip();
        assertEquals(1, line.lines().count(), line);
        assertFalse(line.endsWith(": /proc/self/tether-home/inventory.json.lock")
                || line.endsWith(": /proc/self/tether-home"), line);
    }

    @Test
    void aBadPortInTheSshConfigIsALocalErrorNotAnUnreachableServer() throws Exception {
        Path ssh = Files.createDirectories(dir.resolve("home/.ssh"));
        Files.writeString(ssh.resolve("config"), "Host bad\n    HostName 127.0.0.1\n    Port notaport\n");
        assertEquals(0, run("add", "ssh", "b", "--ssh-alias", "bad"), cli.err());
        assertEquals(1, run("status", "b"), cli.err());
        assertTrue(cli.err().contains("notaport"), cli.err());
    }

    @Test
    void codeWithoutVsCodeFailsSayingWhatToInstall() throws Exception {
        Path ssh = Files.createDirectories(dir.resolve("home/.ssh"));
        Files.writeString(ssh.resolve("config"), "Host v-alias\n    HostName 10.0.0.1\n");
        assertEquals(0, run("add", "ssh", "v", "--ssh-alias", "v-alias"), cli.err());
        // A process whose PATH has neither VS Code's code nor an opener (xdg-open), whatever this machine has.
        Path emptyPath = Files.createDirectories(dir.resolve("empty-path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Duser.language=en", "-Dtether.logDir=" + dir, "app.tether.Main", "code", "v", "/srv");
        builder.environment().clear();
        builder.environment().put("PATH", emptyPath.toString());
        builder.environment().put("TETHER_HOME", dir.resolve("tether-home").toString());
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().put("TETHER_INSTANCE", "off");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        String err = readAll(process.getErrorStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), out.join() + err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("Install VS Code"), err);
        assertTrue(out.join().contains("vscode://vscode-remote/ssh-remote+v-alias/srv"), out.join());
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "<" + e + ">";
        }
    }

    @Test
    void withoutADisplayTheWindowCommandSaysSoInOneLine() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "-Duser.language=en", "-Dtether.logDir=" + dir, "app.tether.Main");
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().put("TETHER_HOME", dir.resolve("tether-home").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String err = new String(process.getErrorStream().readAllBytes());
        assertEquals(1, process.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("no display") && err.contains("tether --help"), err);
    }
}
