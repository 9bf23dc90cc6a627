package app.tether.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The real nvidia-smi captures in src/test/resources/fixtures/nvidia-smi and the commands behind them. */
public final class NvidiaSmiFixtures {
    static final String COMMANDS = "COMMANDS.txt";

    private NvidiaSmiFixtures() {
    }

    static Path dir() {
        try {
            return Path.of(NvidiaSmiFixtures.class.getResource("/fixtures/nvidia-smi").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every capture file (COMMANDS.txt left out), by name. */
    static Stream<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(COMMANDS)).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String name) {
        try {
            return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File name → the nvidia-smi command line that produced it (from COMMANDS.txt). */
    static Map<String, String> commands() {
        Map<String, String> commands = new LinkedHashMap<>();
        String file = null;
        for (String line : read(COMMANDS).lines().toList()) {
            if (line.startsWith("== ")) {
                file = line.substring(3).strip();
            } else if (file != null && !line.isBlank() && !line.startsWith("#")) {
                commands.put(file, line.strip());
                file = null;
            }
        }
        return commands;
    }

    /** The fields of a {@code --query-gpu=} / {@code --query-compute-apps=} option in a command line. */
    static List<String> queryFields(String command) {
        for (String arg : command.split(" ")) {
            if (arg.startsWith("--query-gpu=") || arg.startsWith("--query-compute-apps=")) {
                return Arrays.asList(arg.substring(arg.indexOf('=') + 1).split(","));
            }
        }
        throw new IllegalArgumentException("no query in " + command);
    }
}
