package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EnglishMessages.class)
class CliTest {
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
    void listJsonOnEmptyHomeIsAnEmptyArray() {
        assertEquals(0, run("list", "--json"));
        assertEquals("[]", cli.out().strip());
    }

    @Test
    void addThenListAndShowAsJson() {
        assertEquals(0, run("add", "ssh", "GPU 1", "--host", "gpu.example.com", "--user", "ml", "--port", "2200"));
        assertEquals(0, run("list", "--json"));
        assertEquals("[{\"name\":\"GPU 1\",\"kind\":\"ssh\",\"state\":\"unknown\",\"address\":\"ml@gpu.example.com:2200\","
                + "\"tags\":[],\"price\":null,\"stage\":null,\"hardware\":null,\"pricePerHour\":null,\"observedAt\":null}]",
                cli.out().strip());
        assertEquals(0, run("show", "GPU 1", "--json"));
        assertTrue(cli.out().contains("\"host\":\"gpu.example.com\""), cli.out());
    }

    @Test
    void duplicateNameIsAUsageErrorWithOneLine() {
        run("add", "ssh", "a", "--host", "h");
        assertEquals(2, run("add", "ssh", "a", "--host", "h2"));
        assertEquals(1, cli.err().strip().lines().count());
        assertTrue(cli.err().contains("already used"), cli.err());
    }

    @Test
    void everyCommandAnswersHelp() {
        for (String[] command : new String[][] {{"list"}, {"add"}, {"add", "ssh"}, {"show"}, {"remove"},
                {"import-ssh-config"}, {"status"}, {"exec"}, {"jupyter"}, {"jupyter", "setup"}, {"jupyter", "logs"},
                {"open"}, {"forward"}, {"code"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertEquals(0, run(args), String.join(" ", args) + ": " + cli.err());
            assertTrue(cli.out().startsWith("Usage: tether " + String.join(" ", command)), cli.out());
        }
    }

    @Test
    void aUserNameWithALineBreakIsRefusedInOneLine() {
        assertEquals(2, run("add", "ssh", "p10", "--host", "h", "--user", "u\n    ProxyCommand touch /tmp/x"));
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.err().contains("user name"), cli.err());
        assertEquals(0, run("list", "--json"));
        assertEquals("[]", cli.out().strip());
    }

    @Test
    void jupyterWithoutASubcommandIsAUsageError() {
        assertEquals(2, run("jupyter"));
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertEquals(2, run("frobnicate"));
        assertEquals(1, cli.err().strip().lines().count());
        assertEquals(2, run("add", "ssh", "x", "--ssh-alias", "a", "--host", "h"));
        assertEquals(2, run("add", "ssh", "x"));
    }

    @Test
    void unknownTargetExitsOneNamingIt() {
        assertEquals(1, run("show", "ghost"));
        assertTrue(cli.err().contains("ghost"));
        assertEquals(1, run("remove", "ghost"));
    }

    @Test
    void corruptInventoryFailsNamingTheFileAndKeepsIt() throws Exception {
        Path file = dir.resolve("tether-home/inventory.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[1,2");
        assertEquals(1, run("add", "ssh", "a", "--host", "h"));
        assertTrue(cli.err().contains(file.toString()));
        assertEquals("[1,2", Files.readString(file));
    }

    @Test
    void importSshConfigAddsAliasesOnce() throws Exception {
        Path ssh = Files.createDirectories(dir.resolve("home/.ssh"));
        Files.writeString(ssh.resolve("config"), "Host gpu1\n  HostName 1.2.3.4\nHost *\n  User x\n");
        assertEquals(0, run("import-ssh-config"));
        assertEquals(0, run("import-ssh-config"));
        assertEquals(0, run("list", "--json"));
        assertTrue(cli.out().contains("\"name\":\"gpu1\""));
        assertEquals(1, cli.out().split("\"name\"").length - 1);
    }

    @Test
    void removeDeletesTarget() {
        run("add", "ssh", "a", "--host", "h");
        assertEquals(0, run("remove", "a"));
        run("list", "--json");
        assertEquals("[]", cli.out().strip());
    }

    @Test
    void versionAndHelpExitZero() {
        assertEquals(0, run("--version"));
        assertTrue(cli.out().startsWith("tether "));
        assertEquals(0, run("--help"));
        assertTrue(cli.out().contains("import-ssh-config"));
    }
}
