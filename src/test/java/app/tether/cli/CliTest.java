package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.Messages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void english() {
        Messages.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void reset() {
        Messages.setLocale(Messages.defaultLocale());
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Environment env = new Environment(dir.resolve("tether-home"), dir.resolve("home"));
        return Cli.run(args, new CliContext(env, new PrintWriter(out), new PrintWriter(err)));
    }

    @Test
    void listJsonOnEmptyHomeIsAnEmptyArray() {
        assertEquals(0, run("list", "--json"));
        assertEquals("[]", out.toString().strip());
    }

    @Test
    void addThenListAndShowAsJson() {
        assertEquals(0, run("add", "ssh", "GPU 1", "--host", "gpu.example.com", "--user", "ml", "--port", "2200"));
        assertEquals(0, run("list", "--json"));
        assertEquals("[{\"name\":\"GPU 1\",\"kind\":\"ssh\",\"state\":\"unknown\",\"address\":\"ml@gpu.example.com:2200\","
                + "\"tags\":[],\"price\":null}]", out.toString().strip());
        assertEquals(0, run("show", "GPU 1", "--json"));
        assertTrue(out.toString().contains("\"host\":\"gpu.example.com\""), out.toString());
    }

    @Test
    void duplicateNameFailsWithOneLineAndExitOne() {
        run("add", "ssh", "a", "--host", "h");
        assertEquals(1, run("add", "ssh", "a", "--host", "h2"));
        assertEquals(1, err.toString().strip().lines().count());
        assertTrue(err.toString().contains("already used"), err.toString());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertEquals(2, run("frobnicate"));
        assertEquals(1, err.toString().strip().lines().count());
        assertEquals(2, run("add", "ssh", "x", "--ssh-alias", "a", "--host", "h"));
        assertEquals(2, run("add", "ssh", "x"));
    }

    @Test
    void unknownTargetExitsOneNamingIt() {
        assertEquals(1, run("show", "ghost"));
        assertTrue(err.toString().contains("ghost"));
        assertEquals(1, run("remove", "ghost"));
    }

    @Test
    void corruptInventoryFailsNamingTheFileAndKeepsIt() throws Exception {
        Path file = dir.resolve("tether-home/inventory.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[1,2");
        assertEquals(1, run("add", "ssh", "a", "--host", "h"));
        assertTrue(err.toString().contains(file.toString()));
        assertEquals("[1,2", Files.readString(file));
    }

    @Test
    void importSshConfigAddsAliasesOnce() throws Exception {
        Path ssh = Files.createDirectories(dir.resolve("home/.ssh"));
        Files.writeString(ssh.resolve("config"), "Host gpu1\n  HostName 1.2.3.4\nHost *\n  User x\n");
        assertEquals(0, run("import-ssh-config"));
        assertEquals(0, run("import-ssh-config"));
        assertEquals(0, run("list", "--json"));
        assertTrue(out.toString().contains("\"name\":\"gpu1\""));
        assertEquals(1, out.toString().split("\"name\"").length - 1);
    }

    @Test
    void removeDeletesTarget() {
        run("add", "ssh", "a", "--host", "h");
        assertEquals(0, run("remove", "a"));
        run("list", "--json");
        assertEquals("[]", out.toString().strip());
    }

    @Test
    void versionAndHelpExitZero() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("tether "));
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("import-ssh-config"));
    }
}
