package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.core.Environment;
import app.tether.testing.CliRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list --json} and {@code show NAME --json}, which no longer go through Jackson's data binding, print what
 * Tether 10d2da8 printed (through it) for the same inventory and state cache: the files under
 * {@code resources/app/tether/inventory/format}, every kind of target with all fields and with few, a note with
 * quotes, a tab, a newline, Chinese and an emoji.
 */
class JsonListingFormatTest {
    private static final List<String> NAMES = List.of("gpu1", "box", "nojup", "space", "space2", "spot", "spot2",
            "model", "model2");

    @TempDir
    Path dir;

    @Test
    void listAndShowPrintWhatTheEarlierVersionPrinted() throws Exception {
        Environment environment = new Environment(dir.resolve("tether"), dir.resolve("home"));
        Files.createDirectories(environment.home());
        Files.write(environment.inventoryFile(), earlier("inventory.json"));
        Files.write(environment.home().resolve("state.json"), earlier("state.json"));

        CliRunner list = CliRunner.of(environment);
        assertEquals(0, list.run("list", "--json"), list.err());
        assertEquals(new String(earlier("list.json"), StandardCharsets.UTF_8), list.out());

        List<String> shown = new String(earlier("show.jsonl"), StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < NAMES.size(); i++) {
            CliRunner show = CliRunner.of(environment);
            assertEquals(0, show.run("show", NAMES.get(i), "--json"), show.err());
            assertEquals(shown.get(i) + System.lineSeparator(), show.out(), NAMES.get(i));
        }
    }

    private static byte[] earlier(String name) throws IOException {
        try (InputStream in = JsonListingFormatTest.class.getResourceAsStream("/app/tether/inventory/format/" + name)) {
            return in.readAllBytes();
        }
    }
}
