package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Help text wraps at word boundaries, never inside a path or a word. */
@ExtendWith(EnglishMessages.class)
class HelpWrappingTest {
    @TempDir
    Path dir;

    @Test
    void pathsAndWordsStayWholeAndLinesFitEightyColumns() {
        CliRunner cli = CliRunner.of(new Environment(dir.resolve("t"), dir.resolve("h")));
        for (String[] command : new String[][] {{"--help"}, {"add", "ssh", "--help"}, {"exec", "--help"},
            {"code", "--help"}, {"jupyter", "setup", "--help"}, {"forward", "--help"}, {"import-ssh-config", "--help"}}) {
            assertEquals(0, cli.run(command), cli.err());
            String help = cli.out();
            for (String line : help.lines().toList()) {
                assertTrue(line.length() <= 80 || !line.strip().contains(" "), "too long: " + line);
            }
            if (command[0].equals("--help") || command[0].equals("add")) {
                assertTrue(help.contains("~/.ssh/known_hosts") || help.contains("~/.ssh/config"), help);
            }
        }
        assertEquals(0, cli.run("--help"));
        assertTrue(cli.out().contains("~/.ssh/known_hosts"), cli.out());
    }

    @Test
    void aLongRowContinuesUnderItsTextColumn() {
        String row = "      --flag         " + "word ".repeat(30).strip();
        String wrapped = HelpWrapping.wrap(row);
        for (String line : wrapped.lines().skip(1).toList()) {
            assertTrue(line.startsWith(" ".repeat(21) + "word"), line);
        }
        assertTrue(wrapped.lines().allMatch(line -> line.length() <= 80), wrapped);
    }
}
