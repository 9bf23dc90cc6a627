package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.cli.Cli;
import app.tether.cli.CliContext;
import app.tether.core.Environment;
import app.tether.inventory.HfSpace;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import app.tether.testing.HfStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code tether idle} and {@code tether watch} against the stand-in Hub, as a user runs them. */
@ExtendWith(EnglishMessages.class)
class GuardCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "hf_alice_guard";

    @TempDir
    Path dir;
    private HfStandIn hub;
    private Environment environment;
    private CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        hub = HfStandIn.start();
        hub.addUser("alice", TOKEN, "write");
        URI nowhere = URI.create("http://127.0.0.1:9");
        hub.addSpace("alice/lab", false, "t4-small", nowhere);
        hub.addSpace("alice/free", false, "cpu-basic", nowhere);
        environment = new Environment(dir.resolve("tether"), dir.resolve("home"))
                .withVariable("HF_ENDPOINT", hub.endpoint().toString()).withVariable("HF_TOKEN", TOKEN)
                .withVariable("TETHER_HF_TIMEOUT", "5");
        new InventoryStore(environment.inventoryFile()).update(inv -> inv
                .add(new HfSpace("lab", "alice/lab", null, null, null, null))
                .add(new HfSpace("free", "alice/free", null, null, null, null))
                .add(SshServer.ofHost("box", "example.invalid", null, null, null, null)));
        cli = CliRunner.of(environment);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void idleShowsTheRuleAndEachSignalAndChangesTheSettings() throws Exception {
        assertEquals(0, cli.run("idle", "lab"), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertEquals("lab: idle auto-pause on, GPU threshold 5 %, 30 min (the default: on where a price above zero "
                + "is known).", lines.get(0));
        assertEquals("Tether pauses lab when every GPU stays below 5 %, no notebook kernel is busy and nothing is "
                + "connected through Tether's tunnels for 30 min; a signal the target cannot report does not hold "
                + "it back, but at least one must be reported.", lines.get(1));
        assertEquals("  GPU utilisation: cannot report (this kind reports no GPU utilisation)", lines.get(2));
        assertTrue(lines.get(3).startsWith("  Notebook kernels: cannot report (the notebook did not answer: "),
                lines.get(3));
        assertEquals("  Connections through Tether: cannot report (only the Tether process that holds the tunnels can"
                + " count them (the window or 'tether watch'))", lines.get(4));

        assertEquals(0, cli.run("idle", "free"), cli.err());
        assertTrue(cli.out().startsWith("free: idle auto-pause off, GPU threshold 5 %, 30 min (the default"), cli.out());

        assertEquals(0, cli.run("idle", "lab", "--off", "--minutes", "10", "--threshold", "20"), cli.err());
        assertTrue(cli.out().startsWith("lab: idle auto-pause off, GPU threshold 20 %, 10 min (set by you)."),
                cli.out());
        JsonNode saved = JSON.readTree(Files.readString(environment.home().resolve("idle.json")));
        assertEquals(10, saved.path("lab").path("minutes").asInt());
        assertFalse(Files.readString(environment.inventoryFile()).contains("minutes"), "not in the inventory");

        assertEquals(0, cli.run("idle", "lab", "--on", "--json"), cli.err());
        JsonNode shown = JSON.readTree(cli.out());
        assertTrue(shown.path("enabled").asBoolean());
        assertEquals(20, shown.path("thresholdPercent").asInt());
        assertEquals("running", shown.path("state").asText());
        assertEquals(3, shown.path("signals").size());
        assertEquals("cannot-report", shown.path("signals").get(0).path("reading").asText());

        assertEquals(2, cli.run("idle", "lab", "--threshold", "101"));
        assertEquals("tether: The GPU threshold must be a whole percentage from 0 to 100, not 101.\n", cli.err());
        assertEquals(2, cli.run("idle", "lab", "--on", "--off"));
        assertEquals(1, cli.run("idle", "box", "--on"));
        assertEquals("tether: Tether cannot pause or stop \"box\" (SSH server), so idle auto-pause cannot be turned"
                + " on for it.\n", cli.err());
    }

    @Test
    void watchWithoutNamesPrintsEveryCloudTargetsEventsAsJsonLines() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(environment, new PrintWriter(out, true), new PrintWriter(err, true));
        int[] code = {-1};
        Thread watch = new Thread(() -> code[0] = Cli.run(new String[] {"watch", "--json"}, context));
        watch.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && out.toString().lines().count() < 2) {
                Thread.sleep(100);
            }
        } finally {
            watch.interrupt();
            watch.join(10_000);
        }
        assertEquals(0, code[0], err.toString());
        assertEquals("Watching every target (Ctrl-C stops).\n", err.toString());
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            events.add(JSON.readTree(line));
        }
        assertEquals(2, events.size(), out.toString());
        List<String> targets = events.stream().map(e -> e.path("target").asText()).sorted().toList();
        assertEquals(List.of("free", "lab"), targets, "SSH servers are left out unless named");
        for (JsonNode event : events) {
            assertEquals("state-changed", event.path("type").asText());
            assertEquals("running", event.path("state").asText());
            assertEquals(event.path("target").asText() + ": Running", event.path("message").asText());
            assertTrue(event.path("at").asText().startsWith("20"), event.toString());
        }
    }
}
