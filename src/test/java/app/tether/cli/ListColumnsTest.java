package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tether list} lines up in Chinese: Chinese characters take two terminal columns, so every column starts at
 * the same column on every line (counted in display width, not in chars).
 */
@ExtendWith(EnglishMessages.class)
class ListColumnsTest {
    @TempDir
    Path dir;

    @Test
    void chineseNamesAndHeadersLineUpByDisplayWidth() {
        CliRunner cli = CliRunner.of(new Environment(dir.resolve("tether-home"), dir.resolve("home")));
        assertEquals(0, cli.run("add", "ssh", "实验室 H100", "--host", "h100.lab.example.edu", "--user", "ada",
                "--tags", "实验室,h100"));
        assertEquals(0, cli.run("add", "ssh", "ws", "--host", "ws4090"));
        assertEquals(0, cli.run("add", "ssh", "AutoDL 3090（按时计费）", "--host", "region-9.autodl.com", "--port", "41234"));
        Messages.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertEquals(0, cli.run("list"));
        List<String> lines = cli.out().lines().toList();
        assertEquals(4, lines.size(), cli.out());
        // Where the second column (kind: ssh / the header 类型) starts, in display columns, on every line.
        List<Integer> kindColumn = lines.stream().map(line -> {
            int at = line.startsWith("名称") ? line.indexOf("类型") : line.indexOf("ssh");
            return DisplayWidth.of(line.substring(0, at));
        }).distinct().toList();
        assertEquals(1, kindColumn.size(), cli.out());
        List<Integer> addressColumn = lines.stream().map(line -> {
            int at = line.startsWith("名称") ? line.indexOf("地址")
                    : List.of("ada@", "ws4090", "region-9").stream().mapToInt(line::indexOf).filter(i -> i >= 0)
                            .findFirst().orElseThrow();
            return DisplayWidth.of(line.substring(0, at));
        }).distinct().toList();
        assertEquals(1, addressColumn.size(), cli.out());
    }

    @Test
    void displayWidthCountsWideCharactersTwice() {
        assertEquals(4, DisplayWidth.of("ab c"));
        assertEquals(11, DisplayWidth.of("实验室 H100"));
        assertEquals(4, DisplayWidth.of("（）"));
        assertEquals("实验 ", DisplayWidth.pad("实验", 5));
        assertEquals("toolong", DisplayWidth.pad("toolong", 3));
    }
}
