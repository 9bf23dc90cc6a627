package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.InventoryStore;
import app.tether.providers.cnb.CnbStandIn;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EnglishMessages.class)
class CnbCliTest {
    @TempDir
    Path dir;

    private CnbStandIn cnb;
    private Environment environment;
    private CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        cnb = CnbStandIn.start().token("tok-good", "alice", CnbStandIn.ALL_SCOPES).repo("team/model")
                .listsUntilRunning(2);
        environment = new Environment(dir.resolve("tether"), dir.resolve("home"))
                .withVariable("CNB_API_ENDPOINT", cnb.uri().toString());
        cli = CliRunner.of(environment);
    }

    @AfterEach
    void stop() {
        cnb.close();
    }

    private int withStdin(String text, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return cli.run(args);
        } finally {
            System.setIn(old);
        }
    }

    private CliRunner withToken() {
        return CliRunner.of(environment.withVariable("CNB_TOKEN", "tok-good"));
    }

    @Test
    void loginChecksTheTokenAndKeepsItOwnerOnly() throws Exception {
        assertEquals(0, withStdin("tok-good\n", "cnb", "login"), cli.err());
        assertTrue(cli.out().contains("as alice"), cli.out());
        Path file = environment.secretsDir().resolve("cnb.token");
        assertEquals("tok-good", Files.readString(file).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertFalse(cli.out().contains("tok-good"));
        // the saved token now works without CNB_TOKEN
        assertEquals(0, cli.run("cnb", "import"), cli.err());
    }

    @Test
    void aRefusedTokenIsNotSaved() {
        assertEquals(3, withStdin("tok-bad\n", "cnb", "login"));
        assertTrue(cli.err().startsWith("tether: CNB refused the token (401"), cli.err());
        assertEquals(1, cli.err().lines().count());
        assertFalse(Files.exists(environment.secretsDir().resolve("cnb.token")));
        assertEquals(2, withStdin("\n", "cnb", "login"));
    }

    @Test
    void noTokenSaysHowToGiveOne() {
        assertEquals(3, cli.run("cnb", "import"));
        assertTrue(cli.err().contains("CNB_TOKEN") && cli.err().contains("tether cnb login"), cli.err());
    }

    @Test
    void importAddsEachRepositoryBranchOnceRunningOrClosed() {
        cnb.add("team/model", "main", "running", Instant.now());
        cnb.add("team/model", "main", "closed", Instant.now().minus(Duration.ofDays(1)));
        cnb.add("team/model", "dev", "closed", Instant.now());
        cnb.add("other/tool", "main", "closed", Instant.now());
        CliRunner runner = withToken();
        assertEquals(0, runner.run("cnb", "import"), runner.err());
        assertTrue(runner.out().contains("3 added, 0 already listed"), runner.out());
        var names = new InventoryStore(environment.inventoryFile()).load().targets().stream()
                .map(t -> t.name() + "=" + ((CnbWorkspace) t).repo() + "@" + ((CnbWorkspace) t).branch()).toList();
        assertEquals(java.util.List.of("model=team/model@main", "model-dev=team/model@dev", "tool=other/tool@main"), names);
        assertEquals(0, runner.run("cnb", "import"));
        assertTrue(runner.out().contains("0 added, 3 already listed"), runner.out());
        assertEquals(0, runner.run("cnb", "import", "--slug", "team/model"));
        assertTrue(runner.out().contains("0 added, 2 already listed"), runner.out());
    }

    @Test
    void addCnbChecksTheRepositoryAndRunnerAndPricesTheGpu() {
        assertEquals(1, cli.run("add", "cnb", "x", "--repo", "norepo"));
        assertTrue(cli.err().contains("GROUP/REPO"), cli.err());
        assertEquals(2, cli.run("add", "cnb", "x", "--repo", "team/model", "--gpu", "A100"));
        assertEquals(0, cli.run("add", "cnb", "model", "--repo", "team/model", "--gpu", "L40"), cli.err());
        assertTrue(cli.out().contains("Price: CNY 8.00/h beyond the free quota (16 cores \u00d7 CNY 0.50 per core-hour,"
                + " CNB pricing of 2026-11-22)."), cli.out());
        CnbWorkspace added = (CnbWorkspace) new InventoryStore(environment.inventoryFile()).load().require("model");
        assertEquals("cnb:arch:amd64:gpu:L40", added.runner());
        assertEquals("main", added.branch());
        assertEquals("CNY 8.00", added.price().toString(), "kept as written everywhere (a rate of 0.5 x 16 is 8.0)");
        assertEquals(1, cli.run("add", "cnb", "model", "--repo", "team/model"));
    }

    @Test
    void startWaitFollowsTheWorkspaceUntilItRunsAndStatusShowsTimeLeftPriceAndQuota() throws Exception {
        cnb.specialAmount("{\"compute_develop_corehour\": 1600, \"compute_develop_gpu_corehour\": 1200}");
        CliRunner runner = withToken();
        assertEquals(0, runner.run("add", "cnb", "model", "--repo", "team/model", "--gpu", "L40"));
        assertEquals(0, runner.run("start", "model", "--wait"), runner.err());
        assertTrue(runner.out().contains("running"), runner.out());
        assertTrue(runner.out().contains("3 h 59 min left") || runner.out().contains("4 h 0 min left"), runner.out());
        assertTrue(runner.err().contains("model: starting: Starting (workspace cnb-"), runner.err());

        assertEquals(0, runner.run("status", "model"), runner.err());
        assertTrue(runner.out().contains("running"), runner.out());
        assertTrue(runner.out().contains("Price: CNY 8.00/h beyond the free quota (16 cores \u00d7 CNY 0.50 per core-hour;"
                + " CNB pricing of 2026-11-22, 1600 free GPU core-hours a month)."), runner.out());
        assertTrue(runner.out().contains("1200 core-hours left (about 75.0 h"), runner.out());
    }

    @Test
    void statusNamesTheScopeWhenTheTokenMayNotReadTheQuota() {
        cnb.token("tok-narrow", "bob", Set.of("account-engage:r"));
        CliRunner runner = CliRunner.of(environment.withVariable("CNB_TOKEN", "tok-narrow"));
        assertEquals(0, runner.run("add", "cnb", "model", "--repo", "team/model"));
        assertEquals(0, runner.run("status", "model"), runner.err());
        assertTrue(runner.out().contains("GPU quota not shown") && runner.out().contains("group-resource:r"),
                runner.out());
        assertTrue(runner.out().contains("assumed"), runner.out());
    }

    @Test
    void stopWithoutATerminalNeedsYesAndStopsNothingThen() {
        CnbStandIn.Workspace w = cnb.add("team/model", "main", "running", Instant.now());
        w.ssh = false;
        CliRunner runner = withToken();
        assertEquals(0, runner.run("add", "cnb", "model", "--repo", "team/model"));
        assertEquals(2, runner.run("stop", "model"));
        assertTrue(runner.out().contains("Push your work first"), runner.out());
        assertTrue(runner.err().contains("--yes"), runner.err());
        assertEquals("running", w.status);

        assertEquals(0, runner.run("stop", "model", "--yes"), runner.err());
        assertEquals("closed", w.status);
        assertTrue(runner.out().contains("could not check for unpushed work (the workspace offers no SSH login)"),
                runner.out());
    }

    @Test
    void aClosedWorkspaceStatusShowsWhatTheBackupKept() {
        CnbStandIn.Workspace w = cnb.add("team/model", "main", "running", Instant.now());
        cnb.recycle(w, 1, 2, 0, "a.py,b.py");
        CliRunner runner = withToken();
        assertEquals(0, runner.run("add", "cnb", "model", "--repo", "team/model"));
        assertEquals(0, runner.run("status", "model"), runner.err());
        assertTrue(runner.out().contains("1 commits, 2 files, 0 stashes (a.py,b.py)"), runner.out());
        // opening a closed (paid) workspace starts it only when agreed: no terminal here, so --yes is asked for
        assertEquals(2, runner.run("open", "model", "--no-browser"));
        assertTrue(runner.err().contains("--yes"), runner.err());
        assertEquals(1, runner.run("open", "model", "--no-browser", "--webide"));
        assertTrue(runner.err().contains("tether start model"), runner.err());
    }

    @Test
    void openingAClosedGpuWorkspaceNamesItsPriceInCnyBeyondTheFreeQuotaInBothLanguages() {
        cnb.add("team/model", "main", "closed", Instant.now());
        CliRunner runner = withToken();
        assertEquals(0, runner.run("add", "cnb", "model", "--repo", "team/model"));
        assertEquals(0, runner.run("add", "cnb", "big", "--repo", "team/model", "--branch", "h20", "--gpu", "H20"));
        assertEquals(2, runner.run("open", "model", "--no-browser"));
        assertEquals("tether: \"model\" costs CNY 8.00/h beyond the free quota (1600 GPU core-hours a month per"
                + " organisation; CNB pricing of 2026-11-22) while it runs; there is no terminal to ask, so pass --yes"
                + " to start it.", runner.err().strip());
        // the H20 runner has 32 cores; its price was recorded with it when added
        assertEquals(2, runner.run("open", "big", "--no-browser"));
        assertTrue(runner.err().contains("costs CNY 16.00/h beyond the free quota"), runner.err());

        Messages.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertEquals(2, runner.run("open", "model", "--no-browser"));
        assertTrue(runner.err().startsWith("tether: “model”运行时费用 CNY 8.00/小时（超出免费额度后收费；每个组织每月免费"
                + " 1600 GPU 核时；CNB 2026-11-22 的定价）；"), runner.err());
        assertEquals(java.util.List.of(), cnb.requests().stream().map(r -> r.rawPath())
                .filter(path -> path.endsWith("/workspace/start")).toList(), "nothing started without agreement");
    }

    @Test
    void aClosedWorkspacesStatusWordIsChineseInChineseAndCnbsOwnInJson() {
        CnbStandIn.Workspace w = cnb.add("team/model", "main", "running", Instant.now());
        cnb.recycle(w, 0, 0, 0, "");
        CliRunner runner = withToken();
        assertEquals(0, runner.run("add", "cnb", "model", "--repo", "team/model"));
        assertEquals(0, runner.run("status", "model"), runner.err());
        assertTrue(runner.out().startsWith("model: stopped (closed)"), runner.out());
        Messages.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertEquals(0, runner.run("status", "model"), runner.err());
        assertTrue(runner.out().startsWith("model：已停止 (已关闭)"), runner.out());
        assertTrue(runner.out().contains("价格：超出免费额度后 CNY 8.00/小时（16 核 × 每核时 CNY 0.50；"), runner.out());
        assertEquals(0, runner.run("status", "model", "--json"), runner.err());
        assertTrue(runner.out().contains("\"stage\":\"closed\""), runner.out());
    }

    @Test
    void openWithoutSshGivesTheWebIde() {
        CnbStandIn.Workspace w = cnb.add("team/model", "main", "running", Instant.now());
        w.ssh = false;
        CliRunner runner = withToken();
        assertEquals(0, runner.run("add", "cnb", "model", "--repo", "team/model"));
        assertEquals(0, runner.run("open", "model", "--no-browser"), runner.err());
        assertTrue(runner.out().contains("/webide/" + w.sn), runner.out());
        assertTrue(runner.err().contains("no SSH login: opening its WebIDE"), runner.err());
        assertEquals(0, runner.run("open", "model", "--no-browser", "--webide"), runner.err());
        assertTrue(runner.out().strip().endsWith("/webide/" + w.sn + "-001/?folder=/workspace"), runner.out());
        assertEquals(0, runner.run("code", "model"), runner.err());
        assertTrue(runner.out().contains("no VS Code link; opening its WebIDE"), runner.out());
    }
}
