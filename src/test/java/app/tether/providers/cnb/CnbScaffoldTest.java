package app.tether.providers.cnb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.testing.EnglishMessages;
import app.tether.testing.Interop;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(EnglishMessages.class)
class CnbScaffoldTest {
    private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "ENV", "SHELL", "WORKDIR", "COPY", "ARG",
            "USER", "EXPOSE", "LABEL", "CMD", "ENTRYPOINT");
    private final CnbScaffold scaffold = new CnbScaffold(CnbRunners.standard());

    @TempDir
    Path dir;

    private static CnbScaffold.Options options(String variant) {
        return switch (variant) {
            case "default" -> new CnbScaffold.Options(null, null, false, false);
            case "l40-jupyter-mirror" -> new CnbScaffold.Options("L40", null, true, true);
            case "h20-image" -> new CnbScaffold.Options("H20", "pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime", false, false);
            default -> throw new IllegalArgumentException(variant);
        };
    }

    private static String golden(String variant, String file) throws IOException {
        try (InputStream in = CnbScaffoldTest.class.getResourceAsStream("init/" + variant + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @CsvSource({"default,cnb:arch:amd64:gpu", "l40-jupyter-mirror,cnb:arch:amd64:gpu:L40", "h20-image,cnb:arch:amd64:gpu:H20"})
    void writesTheGoldenFilesAndTheYamlParsesBackAsAGpuWorkspace(String variant, String tag) throws Exception {
        List<String> texts = scaffold.render(options(variant));
        assertEquals(golden(variant, "cnb.yml"), texts.get(0));
        assertEquals(golden(variant, "Dockerfile"), texts.get(1));

        JsonNode pipeline = new YAMLMapper().readTree(texts.get(0)).path("$").path("vscode").path(0);
        assertEquals(tag, pipeline.path("runner").path("tags").asText());
        assertEquals(".ide/Dockerfile", pipeline.path("docker").path("build").asText());
        assertEquals("[\"vscode\",\"docker\"]", pipeline.path("services").toString());
        assertEquals(variant.contains("mirror"), pipeline.path("env").has("HF_HOME"));
    }

    @ParameterizedTest
    @CsvSource({"default", "l40-jupyter-mirror", "h20-image"})
    void theDockerfileHasTheNeededPartsAndOnlyKnownInstructions(String variant) {
        String dockerfile = scaffold.render(options(variant)).get(1);
        boolean continued = false;
        String first = null;
        for (String line : dockerfile.lines().toList()) {
            if (!continued && !line.isBlank() && !line.startsWith("#")) {
                String instruction = line.split(" ", 2)[0];
                assertTrue(INSTRUCTIONS.contains(instruction), line);
                first = first == null ? instruction : first;
            }
            continued = line.endsWith("\\");
        }
        assertEquals("FROM", first);
        assertTrue(dockerfile.contains("openssh-server") && dockerfile.contains("code-server")
                && dockerfile.contains("language-pack-zh-hans"), dockerfile);
        assertEquals(variant.contains("jupyter"), dockerfile.contains("jupyterlab ipykernel"));
        assertEquals(variant.contains("mirror"), dockerfile.contains("https://cnb.cool/ai-models/"));
    }

    @ParameterizedTest
    @CsvSource({"default", "l40-jupyter-mirror", "h20-image"})
    void theDockerfilePassesARealLinter(String variant) throws Exception {
        Path linter = Path.of("/usr/bin/dockerfile-utils");
        Path local = Path.of("/usr/local/bin/dockerfile-utils");
        Path found = Files.isExecutable(linter) ? linter : local;
        Interop.requireThat(Files.isExecutable(found), "dockerfile-utils (npm) is not installed (see .ci/run)");
        Path file = Files.writeString(dir.resolve("Dockerfile"), scaffold.render(options(variant)).get(1));
        Process lint = new ProcessBuilder(found.toString(), "lint", file.toString()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, lint.exitValue(), output);
        assertEquals("", output.strip());
    }

    @Test
    void theLinterCheckCanFail() throws Exception {
        Path found = Files.isExecutable(Path.of("/usr/bin/dockerfile-utils")) ? Path.of("/usr/bin/dockerfile-utils")
                : Path.of("/usr/local/bin/dockerfile-utils");
        Interop.requireThat(Files.isExecutable(found), "dockerfile-utils (npm) is not installed (see .ci/run)");
        Path file = Files.writeString(dir.resolve("Dockerfile"), "FROM x\nEXPOSE abc\n");
        Process lint = new ProcessBuilder(found.toString(), "lint", file.toString()).redirectErrorStream(true).start();
        lint.getInputStream().readAllBytes();
        assertTrue(lint.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, lint.exitValue());
    }

    @Test
    void runningTwiceChangesNothing() throws Exception {
        CnbScaffold.Options chosen = options("l40-jupyter-mirror");
        scaffold.write(dir, chosen, false);
        Path yml = dir.resolve(".cnb.yml");
        Files.setLastModifiedTime(yml, FileTime.fromMillis(1_000_000));
        List<CnbScaffold.Result> again = scaffold.write(dir, chosen, false);
        assertTrue(again.stream().allMatch(r -> r.outcome() == CnbScaffold.Outcome.UNCHANGED));
        assertEquals(FileTime.fromMillis(1_000_000), Files.getLastModifiedTime(yml));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".cnb.yml", ".ide"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * The files are committed and shared by a team: whoever runs init, in whichever language, writes the same bytes
     * (comments in English), so a teammate's second run finds them unchanged rather than "differs, use --force".
     */
    @Test
    void aChineseRunWritesTheSameFilesAndFindsAnEnglishRunsFilesUnchanged() throws Exception {
        CnbScaffold.Options chosen = options("h20-image");
        scaffold.write(dir, chosen, false);
        app.tether.core.Messages.setLocale(app.tether.core.Messages.CHINESE);
        assertEquals(List.of(golden("h20-image", "cnb.yml"), golden("h20-image", "Dockerfile")), scaffold.render(chosen));
        assertTrue(scaffold.write(dir, chosen, false).stream().allMatch(r -> r.outcome() == CnbScaffold.Outcome.UNCHANGED));
    }

    @Test
    void aDifferentFileIsKeptAndNothingIsWrittenWithoutForce() throws Exception {
        Files.writeString(dir.resolve(".cnb.yml"), "main:\n  push: []\n");
        TetherException e = assertThrows(TetherException.class, () -> scaffold.write(dir, options("default"), false));
        assertEquals(ErrorCode.DUPLICATE, e.code());
        assertTrue(e.getLocalizedMessage().contains("--force"), e.getLocalizedMessage());
        assertEquals("main:\n  push: []\n", Files.readString(dir.resolve(".cnb.yml")));
        assertFalse(Files.exists(dir.resolve(".ide/Dockerfile")), "no half-written scaffold");
    }

    @Test
    void forceBacksUpWhatItReplacesAndNeverOverwritesABackup() throws Exception {
        Files.writeString(dir.resolve(".cnb.yml"), "mine: 1\n");
        List<CnbScaffold.Result> results = scaffold.write(dir, options("default"), true);
        assertEquals(CnbScaffold.Outcome.REPLACED, results.get(0).outcome());
        assertEquals(CnbScaffold.Outcome.CREATED, results.get(1).outcome());
        assertEquals("mine: 1\n", Files.readString(dir.resolve(".cnb.yml.tether-backup")));
        assertEquals(golden("default", "cnb.yml"), Files.readString(dir.resolve(".cnb.yml")));

        scaffold.write(dir, options("l40-jupyter-mirror"), true);
        assertEquals("mine: 1\n", Files.readString(dir.resolve(".cnb.yml.tether-backup")));
        assertEquals(golden("default", "cnb.yml"), Files.readString(dir.resolve(".cnb.yml.tether-backup.1")));
        assertEquals(golden("default", "Dockerfile"), Files.readString(dir.resolve(".ide/Dockerfile.tether-backup")));
    }

    @Test
    void anImageThatCouldAddInstructionsIsRefused() {
        TetherException e = assertThrows(TetherException.class,
                () -> scaffold.render(new CnbScaffold.Options(null, "ubuntu\nRUN rm -rf /", false, false)));
        assertEquals(ErrorCode.USAGE, e.code());
        assertThrows(TetherException.class, () -> scaffold.render(new CnbScaffold.Options("cpu", null, false, false)));
        assertThrows(TetherException.class, () -> scaffold.render(new CnbScaffold.Options("A100", null, false, false)));
    }
}
