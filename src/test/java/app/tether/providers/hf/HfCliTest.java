package app.tether.providers.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.inventory.HfSpace;
import app.tether.inventory.InventoryStore;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import app.tether.testing.HfStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hugging Face CLI against the stand-in Hub (no Jupyter needed here; see HfOpenInteropTest for the notebook):
 * login, import, status, the lifecycle, hardware and sleep time checks, create with its build log, and every
 * kind of refusal giving its exit code and one line.
 */
@ExtendWith(EnglishMessages.class)
class HfCliTest {
    private static final String WRITE = "hf_alice_write";

    @TempDir
    Path dir;

    private HfStandIn hub;
    private Environment environment;
    private CliRunner cli;

    @BeforeEach
    void start() throws IOException {
        hub = HfStandIn.start();
        hub.setTimings(300, 300);
        hub.addUser("alice", WRITE, "write", "lab");
        hub.addUser("alice", "hf_alice_read", "read", "lab");
        hub.addUser("bob", "hf_bob", "write");
        hub.addOAuthUser("alice", "hf_oauth_alice");
        URI nowhere = URI.create("http://127.0.0.1:9");
        hub.addSpace("alice/notebook", true, "t4-small", nowhere);
        hub.addSpace("alice/free", false, "cpu-basic", nowhere);
        hub.addSpace("lab/shared", false, "a10g-small", nowhere);
        environment = new Environment(dir.resolve("tether"), dir.resolve("home"))
                .withVariable("HF_ENDPOINT", hub.endpoint() + "/")
                .withVariable("TETHER_HF_TIMEOUT", "3");
        cli = CliRunner.of(environment);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private CliRunner as(String token) {
        return CliRunner.of(environment.withVariable("HF_TOKEN", token));
    }

    private JsonNode json(CliRunner runner) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(runner.out());
    }

    private void oneLine(CliRunner runner, String expectedStart) {
        assertEquals(1, runner.err().lines().count(), runner.err());
        assertTrue(runner.err().startsWith("tether: " + expectedStart), runner.err());
    }

    @Test
    void loginChecksTheTokenAndKeepsItOwnerOnly() throws Exception {
        assertEquals(0, cli.stdin((WRITE + "\n").getBytes()).run("hf", "login"), cli.err());
        assertTrue(cli.out().startsWith("Logged in to " + hub.endpoint() + " as alice (write token)."), cli.out());
        Path stored = environment.secretsDir().resolve("hf.token");
        assertEquals(WRITE, Files.readString(stored).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)));
        assertFalse(cli.out().contains(WRITE) || cli.err().contains(WRITE));

        assertEquals(3, cli.stdin(("hf_wrong\n").getBytes()).run("hf", "login"));
        oneLine(cli, "Hugging Face refused the token: Invalid credentials in Authorization header");
        assertEquals(WRITE, Files.readString(stored).strip(), "a refused token replaces nothing");

        assertEquals(2, cli.stdin(("\n").getBytes()).run("hf", "login"));
        oneLine(cli, "No token on stdin");

        assertEquals(0, cli.stdin(("hf_oauth_alice\n").getBytes()).run("hf", "login"));
        assertTrue(cli.err().contains("OAuth login token"), cli.err());
    }

    @Test
    void theTokenComesFromHfTokenThenTetherThenTheHubFile() throws Exception {
        HfCredentials credentials = new HfCredentials(environment);
        assertTrue(credentials.token().isEmpty());
        Path hubFile = dir.resolve("home/.cache/huggingface/token");
        Files.createDirectories(hubFile.getParent());
        Files.writeString(hubFile, "hf_from_hub_file\n");
        assertEquals("hf_from_hub_file", credentials.tokenValue());
        Files.writeString(dir.resolve("hfhome-token"), "x");
        Path hfHome = Files.createDirectories(dir.resolve("hf-home"));
        Files.writeString(hfHome.resolve("token"), "hf_from_hf_home");
        assertEquals("hf_from_hf_home", new HfCredentials(environment.withVariable("HF_HOME", hfHome.toString())).tokenValue());
        credentials.store("hf_stored");
        assertEquals("hf_stored", credentials.tokenValue());
        assertEquals("hf_env", new HfCredentials(environment.withVariable("HF_TOKEN", "hf_env")).tokenValue());
        assertEquals(hub.endpoint(), credentials.endpoint());
    }

    @Test
    void importAddsEachNewSpaceOfTheUserAndTheirOrganisationsOnce() throws Exception {
        CliRunner alice = as(WRITE);
        assertEquals(0, alice.run("hf", "import"), alice.err());
        assertEquals(List.of("free", "notebook", "shared"), alice.out().lines().sorted().toList());
        assertEquals(0, alice.run("hf", "import"));
        assertEquals("", alice.out());
        assertTrue(alice.err().startsWith("No new Spaces"), alice.err());
        assertEquals(0, alice.run("list", "--json"));
        assertEquals(3, json(alice).size());
        for (JsonNode row : json(alice)) {
            assertTrue(row.get("observedAt").isTextual(), "import records the state it saw: " + row);
        }
    }

    @Test
    void importFollowsTheNextPageLinks() throws Exception {
        hub.setPageSize(1);
        CliRunner alice = as(WRITE);
        assertEquals(0, alice.run("hf", "import", "--author", "alice"), alice.err());
        assertEquals(List.of("free", "notebook"), alice.out().lines().sorted().toList());
        assertEquals(2, hub.requests().stream().filter(r -> r.equals("GET /api/spaces")).count());
    }

    @Test
    void statusJsonHasKindStateStageHardwareAndPriceAndListShowsThem() throws Exception {
        CliRunner alice = as(WRITE);
        assertEquals(0, alice.run("add", "hf", "nb", "--space", "alice/notebook"), alice.err());
        assertEquals(0, alice.run("status", "nb", "--json"), alice.err());
        JsonNode status = json(alice);
        assertEquals("hf-space", status.get("kind").asText());
        assertEquals("running", status.get("state").asText());
        assertEquals("RUNNING", status.get("stage").asText());
        assertEquals("t4-small", status.get("hardware").asText());
        assertEquals(0.40, status.get("pricePerHour").asDouble(), 1e-9);
        assertEquals(0, alice.run("status", "nb"));
        assertEquals(List.of("nb: running", "Hardware: t4-small", "Price: $0.40 per hour"), alice.out().lines().toList());
        hub.setStage("alice/notebook", "RUNTIME_ERROR", "Exit code: 137. Reason: OOM");
        assertEquals(0, alice.run("list", "--json"));
        assertEquals("running", json(alice).get(0).get("state").asText(), "list shows the last observation");
        assertEquals(0, alice.run("status", "nb"));
        assertEquals("nb: error (RUNTIME_ERROR): Exit code: 137. Reason: OOM", alice.out().lines().findFirst().orElseThrow());
        hub.setStage("alice/notebook", "SOME_NEW_STAGE", null);
        assertEquals(0, alice.run("status", "nb", "--json"));
        assertEquals("unknown", json(alice).get("state").asText());
        assertEquals("SOME_NEW_STAGE", json(alice).get("stage").asText());
    }

    @Test
    void pauseThenStartWaitFollowsTheBuildToRunning() throws Exception {
        CliRunner alice = as(WRITE);
        assertEquals(0, alice.run("add", "hf", "nb", "--space", "alice/notebook"), alice.err());
        assertEquals(0, alice.run("pause", "nb"), alice.err());
        assertEquals("PAUSED", hub.stage("alice/notebook"));
        hub.setTimings(1300, 1300); // longer than the 1 s poll, so each stage is seen
        assertEquals(0, alice.run("start", "nb", "--wait"), alice.err());
        assertEquals("nb: running", alice.out().strip());
        assertTrue(alice.err().contains("nb: starting (BUILDING)"), alice.err());
        assertTrue(alice.err().contains("nb: starting (APP_STARTING)"), alice.err());
        assertTrue(alice.err().strip().endsWith("nb: running"), alice.err());

        int before = hub.requests().size();
        assertEquals(1, alice.run("start", "nb"));
        oneLine(alice, "Cannot Start \"nb\" now: it is running. Nothing was sent.");
        assertFalse(hub.requests().subList(before, hub.requests().size()).stream().anyMatch(r -> r.startsWith("POST")));

        assertEquals(0, alice.run("stop", "nb", "--wait"), alice.err());
        assertEquals("nb: paused", alice.out().strip());
        assertEquals(0, alice.run("restart", "nb", "--factory"), alice.err());
        assertTrue(hub.requests().contains("POST /api/spaces/alice/notebook/restart"));
    }

    @Test
    void hardwareAndSleepTimeAreCheckedBeforeSending() throws Exception {
        CliRunner alice = as(WRITE);
        alice.run("add", "hf", "free", "--space", "alice/free");
        alice.run("add", "hf", "nb", "--space", "alice/notebook");
        int before = hub.requests().size();
        assertEquals(2, alice.run("hf", "hardware", "nb", "h100x9"));
        oneLine(alice, "Unknown hardware \"h100x9\". Valid flavors: cpu-basic (free), cpu-upgrade ($0.03/h), t4-small ($0.40/h)");
        assertEquals(2, alice.run("hf", "sleep-time", "free", "3600"));
        oneLine(alice, "A sleep time cannot be set on cpu-basic Spaces");
        assertEquals(2, alice.run("hf", "hardware", "nb", "cpu-basic", "--sleep-time", "600"));
        assertEquals(2, alice.run("hf", "sleep-time", "nb", "soon"));
        oneLine(alice, "\"soon\" is not a sleep time");
        assertFalse(hub.requests().subList(before, hub.requests().size()).stream().anyMatch(r -> r.startsWith("POST")));

        assertEquals(0, alice.run("hf", "hardware", "nb"), alice.err());
        assertTrue(alice.out().lines().anyMatch(l -> l.matches("t4-small +Nvidia T4 - small +4 vCPU +15 GB +T4 +\\$0\\.40  \\(current\\)")),
                alice.out());
        assertTrue(alice.out().startsWith("FLAVOR "), alice.out());
        assertEquals(0, alice.run("hf", "hardware", "nb", "a10g-large", "--sleep-time", "never"), alice.err());
        assertEquals("a10g-large", hub.space("alice/notebook").runtime().path("hardware").path("requested").asText());
        assertTrue(hub.space("alice/notebook").runtime().path("gcTimeout").isNull());
        assertEquals(0, alice.run("hf", "sleep-time", "nb", "3600"), alice.err());
        assertEquals(3600, hub.space("alice/notebook").runtime().path("gcTimeout").asInt());
        assertEquals(0, alice.stdin("jt-secret\n".getBytes()).run("hf", "jupyter-token", "nb"), alice.err());
        assertEquals("jt-secret", Files.readString(environment.secretsDir().resolve("jupyter-nb.token")).strip());
        assertEquals(0, alice.run("hf", "dev-mode", "nb", "on"), alice.err());
        assertTrue(hub.space("alice/notebook").runtime().path("devMode").asBoolean());
    }

    @Test
    void codeOpensVsCodeOnTheSpacesSshHostOnlyInDevMode() throws Exception {
        CliRunner alice = as(WRITE);
        alice.run("add", "hf", "nb", "--space", "alice/notebook");
        assertEquals(1, alice.run("code", "nb"));
        oneLine(alice, "Dev mode is off for \"nb\"");
        alice.run("hf", "dev-mode", "nb", "on");
        Path argsFile = dir.resolve("code-args");
        Path fakeCode = dir.resolve("code");
        Files.writeString(fakeCode, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > " + argsFile + "\n");
        fakeCode.toFile().setExecutable(true);
        System.setProperty(app.tether.handoff.VsCodeHandoff.CODE_PROPERTY, fakeCode.toString());
        try {
            assertEquals(0, alice.run("code", "nb"), alice.err());
        } finally {
            System.clearProperty(app.tether.handoff.VsCodeHandoff.CODE_PROPERTY);
        }
        assertEquals(List.of("--remote", "ssh-remote+alice-notebook@ssh.hf.space", "/home/user/app"),
                Files.readAllLines(argsFile));
    }

    @Test
    void createFollowsTheBuildLogUntilRunningAndNeverOverwrites() throws Exception {
        CliRunner alice = as(WRITE);
        assertEquals(0, alice.run("hf", "create", "lab2", "--space", "alice/lab2", "--hardware", "t4-small",
                "--sleep-time", "3600"), alice.err());
        assertTrue(alice.err().contains("--> RUN pip install jupyterlab"), alice.err());
        assertTrue(alice.err().contains("lab2: running"), alice.err());
        assertTrue(alice.out().contains("\"lab2\" is running"), alice.out());
        HfStandIn.Space created = hub.space("alice/lab2");
        assertTrue(created.runtime().path("stage").asText().equals("RUNNING"));
        String token = Files.readString(environment.secretsDir().resolve("jupyter-lab2.token")).strip();
        assertTrue(token.length() >= 30, "a generated token");
        assertFalse(alice.out().contains(token) || alice.err().contains(token));
        assertTrue(created.info().path("private").asBoolean());

        String inventory = Files.readString(environment.inventoryFile());
        assertEquals(1, alice.run("hf", "create", "again", "--space", "alice/lab2"));
        List<String> lines = alice.err().lines().toList();
        assertEquals(List.of("Creating the JupyterLab Space alice/lab2 from SpacesExamples/jupyterlab…",
                "tether: Hugging Face refused: You already created this space repo"), lines);
        assertEquals(inventory, Files.readString(environment.inventoryFile()));

        assertEquals(0, alice.stdin(("my-own-token\n").getBytes()).run("hf", "create", "pub", "--space", "lab/pub", "--public",
                "--jupyter-token-stdin"), alice.err());
        assertEquals("my-own-token", Files.readString(environment.secretsDir().resolve("jupyter-pub.token")).strip());
        assertFalse(hub.space("lab/pub").info().path("private").asBoolean());
    }

    @Test
    void eachRefusalHasItsExitCodeAndOneLine() throws Exception {
        CliRunner alice = as(WRITE);
        alice.run("add", "hf", "nb", "--space", "alice/notebook");
        alice.run("add", "hf", "shared", "--space", "lab/shared");

        CliRunner bad = as("hf_bad");
        assertEquals(3, bad.run("status", "nb"));
        oneLine(bad, "Hugging Face refused the request: Invalid credentials in Authorization header");

        CliRunner reader = as("hf_alice_read");
        assertEquals(3, reader.run("pause", "nb"));
        oneLine(reader, "Hugging Face does not allow this action: This action requires a token with write access");

        CliRunner oauth = as("hf_oauth_alice");
        assertEquals(3, oauth.run("restart", "nb"));
        oneLine(oauth, "Hugging Face refused the token for this action: Invalid username or password. Pausing, restarting");

        CliRunner bob = as("hf_bob");
        assertEquals(3, bob.run("pause", "shared"));
        oneLine(bob, "Hugging Face does not allow this action: You don't have the rights to manage this Space");

        assertEquals(1, bob.run("status", "nb"));
        oneLine(bob, "Not found on Hugging Face: Repository not found");

        hub.failNext(400, "{\"error\":\"Bad request: something\"}", null);
        assertEquals(1, alice.run("status", "nb"));
        oneLine(alice, "Hugging Face refused the request: Bad request: something");

        hub.rateLimitNext(42);
        assertEquals(3, alice.run("status", "nb"));
        oneLine(alice, "The Hugging Face Hub limits requests right now; try again in 42 s");

        hub.failNext(500, "Internal Error\nwith a second line", null);
        assertEquals(3, alice.run("status", "nb"));
        oneLine(alice, "The Hugging Face Hub failed (HTTP 500): Internal Error with a second line");

        hub.hang(true);
        long started = System.nanoTime();
        assertEquals(3, alice.run("status", "nb"));
        oneLine(alice, "Cannot reach the Hugging Face Hub at " + hub.endpoint() + ": timed out after 3 s");
        assertTrue(System.nanoTime() - started < 15_000_000_000L);
        hub.hang(false);

        assertEquals(2, alice.run("hf", "create", "x", "--space", "no-slash"));
        oneLine(alice, "\"no-slash\" is not a Space id");
    }

    @Test
    void addRefusesAMissingSpaceAndAnSshOnlyCommandSaysItIsNotASpace() throws Exception {
        CliRunner alice = as(WRITE);
        assertEquals(1, alice.run("add", "hf", "ghost", "--space", "alice/ghost"));
        oneLine(alice, "Not found on Hugging Face");
        assertEquals(0, new InventoryStore(environment.inventoryFile()).load().targets().size());
        alice.run("add", "ssh", "box", "--host", "example.com");
        assertEquals(1, alice.run("hf", "dev-mode", "box", "on"));
        oneLine(alice, "\"box\" is not a Hugging Face Space.");
        assertTrue(new InventoryStore(environment.inventoryFile()).load().find("ghost").isEmpty());
        assertFalse(new InventoryStore(environment.inventoryFile()).load().targets().get(0) instanceof HfSpace);
    }
}
