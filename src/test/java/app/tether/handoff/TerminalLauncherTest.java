package app.tether.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Open terminal" with stand-in terminal programs on a private PATH: which one is chosen and what argv it gets. */
class TerminalLauncherTest {
    @TempDir
    Path dir;

    private final SshServer server = SshServer.ofHost("Lab A100", "gpu.example.com", "ada", 2222, "~/.ssh/id_lab",
            "ada@bastion.example.edu");

    private Environment environment(Path... pathDirs) {
        String path = String.join(":", java.util.Arrays.stream(pathDirs).map(Path::toString).toList());
        return new Environment(dir.resolve("tether-home"), dir.resolve("home")).withVariable("PATH", path);
    }

    /** A stand-in terminal that writes the arguments it got, one per line. */
    private Path fakeTerminal(Path bin, String name, Path record) throws Exception {
        Files.createDirectories(bin);
        Path program = bin.resolve(name);
        Files.writeString(program, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + record + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        return program;
    }

    @Test
    void startsTheFirstKnownTerminalWithSshAsArgv() throws Exception {
        Path bin = dir.resolve("bin");
        Path record = dir.resolve("argv.txt");
        fakeTerminal(bin, "xterm", dir.resolve("xterm.txt"));
        Path gnome = fakeTerminal(bin, "gnome-terminal", record);

        new TerminalLauncher(environment(bin), "Linux").open(server);

        waitFor(record);
        assertEquals(List.of("--", "ssh", "-p", "2222", "-i", dir.resolve("home/.ssh/id_lab").toString(), "-J",
                "ada@bastion.example.edu", "--", "ada@gpu.example.com"), Files.readAllLines(record));
        assertTrue(!Files.exists(dir.resolve("xterm.txt")), "gnome-terminal comes before xterm");
        assertEquals(gnome.toString(), new TerminalLauncher(environment(bin), "Linux").command(server).orElseThrow().get(0));
    }

    @Test
    void anAliasIsHandedToSshAsItIs() throws Exception {
        Path bin = dir.resolve("bin");
        fakeTerminal(bin, "xterm", dir.resolve("unused"));
        List<String> command = new TerminalLauncher(environment(bin), "Linux")
                .command(SshServer.ofAlias("ws", "ws4090")).orElseThrow();
        assertEquals(List.of(bin.resolve("xterm").toString(), "-e", "ssh", "ws4090"), command);
    }

    @Test
    void withoutAnyTerminalItSaysWhatToInstallAndWhatToRun() {
        TetherException failure = assertThrows(TetherException.class,
                () -> new TerminalLauncher(environment(dir.resolve("empty")), "Linux").open(server));
        assertTrue(failure.getLocalizedMessage().contains("sudo apt install xterm"), failure.getLocalizedMessage());
        assertTrue(failure.getLocalizedMessage().contains("ssh -p 2222 -i "), failure.getLocalizedMessage());
    }

    @Test
    void windowsPrefersWindowsTerminal() throws Exception {
        Path bin = dir.resolve("win");
        Files.createDirectories(bin);
        assertEquals(List.of("cmd.exe", "/c", "start", "ssh", "ws4090"), new TerminalLauncher(environment(bin),
                "Windows 11").command(SshServer.ofAlias("ws", "ws4090")).orElseThrow());
        Path wt = fakeTerminal(bin, "wt.exe", dir.resolve("unused"));
        assertEquals(List.of(wt.toString(), "ssh", "ws4090"), new TerminalLauncher(environment(bin), "Windows 11")
                .command(SshServer.ofAlias("ws", "ws4090")).orElseThrow());
    }

    private static void waitFor(Path file) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(10));
        while (!Files.exists(file) && Instant.now().isBefore(end)) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
    }
}
