package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain {@code list} and {@code show} calls that run without picocli print, fail and exit exactly as the same
 * calls parsed by picocli (reached here with the pass-through root option {@code --accept-new-host-key}, which
 * changes nothing for these commands), and every other form is left to picocli.
 */
@ExtendWith(EnglishMessages.class)
class DirectCommandsTest {
    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();

    @Test
    void onlyThePlainFormsAreMadeDirectly() {
        CliContext context = new CliContext(new Environment(dir, dir), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertEquals(false, assertInstanceOf(ListCommand.class, DirectCommands.of(new String[] {"list"}, context)).json);
        assertTrue(assertInstanceOf(ListCommand.class, DirectCommands.of(new String[] {"list", "--json"}, context)).json);
        ShowCommand show = assertInstanceOf(ShowCommand.class,
                DirectCommands.of(new String[] {"show", "--json", "GPU 1"}, context));
        assertEquals("GPU 1", show.name);
        assertTrue(show.json);
        assertEquals(false, assertInstanceOf(ShowCommand.class,
                DirectCommands.of(new String[] {"show", "gpu1"}, context)).json);
        for (String[] other : new String[][] {{}, {"list", "--help"}, {"list", "-h"}, {"list", "--json", "--json"},
            {"list", "x"}, {"--accept-new-host-key", "list"}, {"show"}, {"show", "--json"}, {"show", "-x"},
            {"show", "@names"}, {"show", ""}, {"show", "a", "b"}, {"show", "a", "--json", "--json"},
            {"show", "--help", "a"}, {"show", "a", "--", "--json"}, {"status", "a"}, {"lisst"}}) {
            assertNull(DirectCommands.of(other, context), String.join(" ", other));
        }
    }

    @Test
    void directAndPicocliCallsPrintTheSameAndExitTheSame() throws Exception {
        CliRunner cli = CliRunner.of(new Environment(dir.resolve("tether"), dir.resolve("home")));
        assertEquals(0, cli.run("list"));
        same(cli, "list");
        same(cli, "list", "--json");
        assertEquals(0, cli.run("add", "ssh", "GPU 1", "--host", "10.0.0.1", "--user", "ada", "--port", "2222",
                "--tags", "lab,h100", "--price", "USD 1.20", "--notes", "the lab's"), cli.err());
        assertEquals(0, cli.run("add", "ssh", "实验室", "--host", "gpu2.example", "--jump", "ada@10.0.0.1:2200"),
                cli.err());
        same(cli, "list");
        same(cli, "list", "--json");
        same(cli, "show", "GPU 1");
        same(cli, "show", "GPU 1", "--json");
        same(cli, "show", "--json", "实验室");
        same(cli, "show", "ghost");
        Files.writeString(dir.resolve("tether/inventory.json"), "{\"schemaVersion\":1,\"targets\":[{\"kind\":");
        same(cli, "list");
        same(cli, "show", "GPU 1", "--json");
        assertEquals(List.of(), problems);
    }

    /** Runs {@code args} directly and through picocli; records any difference in output or exit code. */
    private void same(CliRunner cli, String... args) {
        String call = String.join(" ", args);
        int direct = cli.run(args);
        String out = cli.out();
        String err = cli.err();
        assertTrue(!out.isEmpty() || !err.isEmpty(), call + " printed nothing");
        String[] parsed = new String[args.length + 1];
        parsed[0] = "--accept-new-host-key";
        System.arraycopy(args, 0, parsed, 1, args.length);
        int picocli = cli.run(parsed);
        if (direct != picocli || !out.equals(cli.out()) || !err.equals(cli.err())) {
            problems.add(call + ": direct " + direct + " [" + out + "|" + err + "], picocli " + picocli + " ["
                    + cli.out() + "|" + cli.err() + "]");
        }
    }
}
