package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.settings.Preferences;
import app.tether.testing.CliRunner;
import app.tether.testing.InstanceProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick commands stay quick: {@code tether --version}, {@code list} and {@code show NAME}, each run as a
 * real JVM with the application's class path and {@code -Xlog:class+load}, load no JavaFX, MINA SSHD or
 * BouncyCastle class (those alone cost a large part of a second at start-up). Whether a class is loaded is
 * checked, not how long it took.
 */
class StartupClassesTest {
    private static final List<String> HEAVY = List.of("javafx.", "com.sun.javafx.", "org.apache.sshd.",
            "org.bouncycastle.");

    @TempDir
    Path dir;

    @BeforeEach
    void inventoryWithServers() {
        CliRunner cli = CliRunner.of(new Environment(dir.resolve("tether"), dir.resolve("home")));
        assertEquals(0, cli.run("add", "ssh", "gpu1", "--host", "127.0.0.1", "--user", "alice", "--port", "2222"),
                cli.err());
        assertEquals(0, cli.run("add", "ssh", "gpu2", "--host", "gpu2.example", "--jump", "alice@127.0.0.1:2200"),
                cli.err());
    }

    @Test
    void versionIsAnsweredBeforePicocliOrTheInstanceClient() throws Exception {
        List<String> loaded = classesLoadedBy("--version");
        assertTrue(loaded.contains("app.tether.cli.VersionLine"), "the log is read: " + loaded.size());
        List<String> more = loaded.stream().filter(c -> c.startsWith("picocli.") || c.startsWith("app.tether.")
                && !c.equals("app.tether.Main") && !c.equals("app.tether.Version")
                && !c.equals("app.tether.cli.VersionLine")).toList();
        assertTrue(more.isEmpty(), "loaded for --version: " + more);
        assertNoHeavyClasses(loaded);
    }

    @Test
    void versionPrintsTheBytesPicocliPrints() throws Exception {
        CliRunner picocli = CliRunner.of(new Environment(dir.resolve("tether"), dir.resolve("home")));
        assertEquals(0, picocli.run("--version"), picocli.err());
        for (String option : List.of("--version", "-V")) {
            classesLoadedBy(option);
            assertArrayEquals(picocli.outBytes(), Files.readAllBytes(dir.resolve("out.txt")), option);
        }
    }

    @Test
    void listLoadsNoWindowSshOrCryptoClasses() throws Exception {
        List<String> loaded = classesLoadedBy("list");
        assertTrue(loaded.contains("app.tether.cli.ListCommand"), "the log is read: " + loaded.size());
        assertNoHeavyClasses(loaded);
        assertNoParserOrLogging(loaded);
    }

    @Test
    void showLoadsNoWindowSshOrCryptoClasses() throws Exception {
        List<String> loaded = classesLoadedBy("show", "gpu1");
        assertTrue(loaded.contains("app.tether.cli.ShowCommand"), "the log is read: " + loaded.size());
        assertNoHeavyClasses(loaded);
        assertNoParserOrLogging(loaded);
    }

    @Test
    void settingsSavedByTheWindowAddNoConfigurationLibrary() throws Exception {
        Preferences preferences = Preferences.open(dir.resolve("tether").resolve("settings.properties"));
        preferences.setWindowBounds(new Preferences.WindowBounds(10, 20, 1280, 800, false));
        preferences.setLanguage(Preferences.Language.CHINESE);
        List<String> loaded = classesLoadedBy("list");
        assertTrue(Files.readString(dir.resolve("out.txt")).contains("名称"), "the chosen language is spoken");
        assertNoneLoaded(loaded, List.of("org.apache.commons."));
        assertNoParserOrLogging(loaded);
    }

    @Test
    void jsonListingsLoadNoParserOrLogging() throws Exception {
        List<String> list = classesLoadedBy("list", "--json");
        assertTrue(list.contains("app.tether.cli.JsonOutput"), "the log is read: " + list.size());
        assertNoParserOrLogging(list);
        assertNoParserOrLogging(classesLoadedBy("show", "gpu1", "--json"));
    }

    /**
     * The plain list and show calls run without picocli ({@link DirectCommands}), logging nothing without logback,
     * and read and print JSON without Jackson ({@code core.JsonTrees}). Nor do they open a jar: with Tether's own
     * classes first on the class path (a folder here, the thin jar in the app image) a class or resource found
     * nowhere (such as {@code messages_en.properties}) was looked for in every jar, opening all of them.
     */
    private static void assertNoParserOrLogging(List<String> loaded) {
        assertNoneLoaded(loaded, List.of("picocli.", "ch.qos.logback.", "org.slf4j.", "com.fasterxml.",
                "java.util.jar.JarFile"));
    }

    private static void assertNoHeavyClasses(List<String> loaded) {
        assertNoneLoaded(loaded, HEAVY);
    }

    /** No loaded class name starts with one of {@code prefixes} (a whole class name counts as its own prefix). */
    private static void assertNoneLoaded(List<String> loaded, List<String> prefixes) {
        List<String> found = loaded.stream().filter(c -> prefixes.stream().anyMatch(c::startsWith)).toList();
        assertTrue(found.isEmpty(), "loaded: " + found.stream().limit(20).collect(Collectors.joining(", ")));
    }

    /** Runs {@code tether args} in a new JVM (main classes and libraries only) and returns what it loaded. */
    private List<String> classesLoadedBy(String... args) throws Exception {
        Path log = dir.resolve("classes-" + String.join("-", args).replace("-", "") + ".log");
        String classPath = InstanceProcesses.applicationClassPath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-Xshare:auto", "-cp", classPath, "app.tether.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("TETHER_HOME", dir.resolve("tether").toString());
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().remove("DISPLAY");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "tether " + String.join(" ", args) + " did not finish");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("out.txt")));
        // Lines look like "[info][class,load] java.lang.Object source: shared objects file".
        return Files.readAllLines(log).stream()
                .map(line -> line.replaceFirst("^.*\\[class,load\\]\\s*", ""))
                .map(line -> line.split(" ", 2)[0])
                .toList();
    }
}
