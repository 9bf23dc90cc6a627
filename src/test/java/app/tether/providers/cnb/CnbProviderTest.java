package app.tether.providers.cnb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.TargetAction;
import app.tether.testing.EnglishMessages;
import app.tether.testing.RecordingProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EnglishMessages.class)
class CnbProviderTest {
    private CnbStandIn cnb;
    private CnbProvider provider;
    private final CnbWorkspace model = new CnbWorkspace("model", "team/model", "main", null, List.of(), "", null,
            "cnb:arch:amd64:gpu:L40");

    @BeforeEach
    void start() throws Exception {
        cnb = CnbStandIn.start().token("good", "alice", CnbStandIn.ALL_SCOPES).repo("team/model").repo("team/web");
        provider = new CnbProvider(() -> new CnbApi(cnb.uri(), "good"), CnbRunners.standard(), Clock.systemUTC(),
                CnbJupyter.NONE);
    }

    @AfterEach
    void stop() {
        cnb.close();
    }

    @Test
    void observeMapsRunningClosedNoneAndUnknownStatusesInOneRequest() throws Exception {
        Instant created = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        cnb.add("team/model", "main", "running", created);
        cnb.add("team/web", "main", "closed", Instant.now());
        cnb.add("team/web", "dev", "archived", Instant.now());
        CnbWorkspace web = new CnbWorkspace("web", "team/web", "main", null, List.of(), "", null);
        CnbWorkspace dev = new CnbWorkspace("dev", "team/web", "dev", null, List.of(), "", null);
        CnbWorkspace fresh = new CnbWorkspace("fresh", "team/fresh", "main", null, List.of(), "", null);

        Map<String, LiveState> states = provider.observe(List.of(model, web, dev, fresh));

        assertEquals(1, cnb.requests().size());
        assertEquals(TargetState.RUNNING, states.get("model").state());
        assertTrue(states.get("model").message().startsWith("2 h 59 min left"), states.get("model").message());
        assertTrue(states.get("model").hardware().contains("L40"), states.get("model").hardware());
        assertEquals(java.util.Optional.of(created), provider.startedAt(model), "the run began with the workspace");
        assertEquals(java.util.Optional.empty(), provider.startedAt(web));
        assertEquals(TargetState.STOPPED, states.get("web").state());
        assertEquals("closed", states.get("web").stage());
        assertEquals(TargetState.UNKNOWN, states.get("dev").state());
        assertEquals("archived", states.get("dev").stage());
        assertTrue(states.get("dev").message().contains("\"archived\""));
        assertEquals(TargetState.STOPPED, states.get("fresh").state());
    }

    @Test
    void startIsFollowedUntilTheNewWorkspaceRuns() throws Exception {
        cnb.listsUntilRunning(3);
        assertEquals(Boolean.TRUE, provider.allowed(model, provider.observe(model)).contains(TargetAction.START));
        LiveState started = provider.perform(model, TargetAction.START, Progress.NONE);
        assertEquals(TargetState.STARTING, started.state());
        LiveState meanwhile = provider.observe(model);
        assertEquals(TargetState.STARTING, meanwhile.state());
        assertTrue(provider.allowed(model, meanwhile).contains(TargetAction.STOP));
        assertTrue(!provider.allowed(model, meanwhile).contains(TargetAction.START), "no second start while starting");

        RecordingProgress progress = new RecordingProgress();
        CnbWorkspaceItem running = provider.awaitRunning(model, Duration.ofSeconds(10), Duration.ofMillis(10), progress);

        assertEquals(cnb.workspaces().get(0).sn, running.sn());
        assertEquals(TargetState.RUNNING, provider.observe(model).state());
    }

    @Test
    void eachStartHasANewCurrentWorkspaceAndStopClosesIt() throws Exception {
        cnb.listsUntilRunning(1);
        provider.perform(model, TargetAction.START, Progress.NONE);
        String first = provider.awaitRunning(model, Duration.ofSeconds(5), Duration.ofMillis(10), Progress.NONE).sn();
        assertEquals(TargetState.STOPPING, provider.perform(model, TargetAction.STOP, Progress.NONE).state());
        assertEquals(TargetState.STOPPED, provider.observe(model).state());
        provider.perform(model, TargetAction.START, Progress.NONE);
        String second = provider.awaitRunning(model, Duration.ofSeconds(5), Duration.ofMillis(10), Progress.NONE).sn();
        assertNotEquals(first, second);
        assertEquals(second, provider.current(model).orElseThrow().sn());
    }

    @Test
    void aWorkspaceRecycledWhileStartedShowsWhatTheBackupKept() throws Exception {
        CnbStandIn.Workspace w = cnb.add("team/model", "main", "running", Instant.now());
        assertEquals(TargetState.RUNNING, provider.observe(model).state());
        cnb.recycle(w, 2, 3, 1, "train.py,notes.md");

        LiveState state = provider.observe(model);

        assertEquals(TargetState.STOPPED, state.state());
        assertEquals(java.util.Optional.empty(), provider.startedAt(model), "no run now");
        assertTrue(state.message().contains("2 commits, 3 files, 1 stashes (train.py,notes.md)"), state.message());
        assertTrue(state.message().contains("push"), state.message());
    }

    @Test
    void accessIsSshWhenTheDetailHasALoginTetherCanRead() throws Exception {
        cnb.sshLogin("ssh -p 2222 cnb@127.0.0.1");
        cnb.add("team/model", "main", "running", Instant.now());
        RecordingProgress progress = new RecordingProgress();
        NotebookAccess access = provider.access(model, progress);
        NotebookAccess.OverSsh ssh = assertInstanceOf(NotebookAccess.OverSsh.class, access);
        assertEquals("model", ssh.server().name());
        assertEquals("127.0.0.1", ssh.server().host());
        assertEquals(2222, ssh.server().port());
        assertEquals("cnb", ssh.server().user());
        assertEquals("/workspace", ssh.server().jupyter().notebookDir());
        assertTrue(progress.lines().get(0).contains("Over SSH"), progress.lines().toString());
    }

    @Test
    void accessIsTheWebIdeWithoutSshOrWithAnUnreadableLogin() throws Exception {
        cnb.sshForNew(false).sshLogin("ssh -p 2222 cnb@127.0.0.1");
        cnb.add("team/model", "main", "running", Instant.now());
        NotebookAccess access = provider.access(model, Progress.NONE);
        assertTrue(assertInstanceOf(NotebookAccess.InBrowser.class, access).url().getPath().contains("/webide/"));

        cnb.workspaces().get(0).ssh = true;
        cnb.sshLogin("connect with your token at cnb.cool");
        RecordingProgress progress = new RecordingProgress();
        assertInstanceOf(NotebookAccess.InBrowser.class, provider.access(model, progress));
        assertTrue(progress.lines().get(0).contains("cannot read the SSH login"), progress.lines().toString());
    }

    @Test
    void accessToAClosedWorkspaceSaysStartItFirst() throws Exception {
        cnb.add("team/model", "main", "closed", Instant.now());
        TetherException e = assertThrows(TetherException.class, () -> provider.access(model, Progress.NONE));
        assertTrue(e.getLocalizedMessage().contains("tether start model"), e.getLocalizedMessage());
    }

    @Test
    void gpuWorkspacesArePaid() {
        assertTrue(provider.paid(model, LiveState.unknown()));
        CnbWorkspace cpu = new CnbWorkspace("cpu", "team/web", "main", null, List.of(), "", null, "cnb:arch:amd64");
        assertTrue(!provider.paid(cpu, LiveState.unknown()));
    }
}
