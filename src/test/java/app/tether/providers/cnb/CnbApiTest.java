package app.tether.providers.cnb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.testing.EnglishMessages;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EnglishMessages.class)
class CnbApiTest {
    private CnbStandIn cnb;
    private CnbApi api;

    @BeforeEach
    void start() throws Exception {
        cnb = CnbStandIn.start().token("good", "alice", CnbStandIn.ALL_SCOPES).repo("team/sub/模型");
        api = new CnbApi(cnb.uri(), "good");
    }

    @AfterEach
    void stop() {
        cnb.close();
    }

    @Test
    void userSendsTheBearerTokenAndCnbAcceptHeader() throws Exception {
        assertEquals("alice", api.user());
        CnbStandIn.Request request = cnb.requests().get(0);
        assertEquals("application/vnd.cnb.api+json", request.accept());
        assertEquals("Bearer good", request.authorization());
    }

    @Test
    void listReadsEveryPage() throws Exception {
        for (int i = 0; i < 130; i++) {
            cnb.add("team/a", "main", "closed", Instant.parse("2026-12-01T00:00:00Z"));
        }
        List<CnbWorkspaceItem> items = api.workspaces(null, null, null);
        assertEquals(130, items.size());
        assertEquals(2, cnb.requests().size());
        assertTrue(cnb.requests().get(1).query().contains("page=2"), cnb.requests().get(1).query());
    }

    @Test
    void listFiltersBySlugBranchAndStatus() throws Exception {
        cnb.add("team/a", "main", "running", Instant.now());
        cnb.add("team/a", "dev", "running", Instant.now());
        cnb.add("team/b", "main", "closed", Instant.now());
        List<CnbWorkspaceItem> items = api.workspaces("team/a", "main", "running");
        assertEquals(1, items.size());
        assertEquals("team/a", items.get(0).slug());
        assertTrue(items.get(0).running());
        assertEquals(1, api.workspaces(null, null, "closed").size());
    }

    @Test
    void repoPathKeepsSlashesAndEncodesEachSegment() throws Exception {
        CnbStartResult result = api.start("team/sub/模型", "main");
        assertEquals("/team/sub/%E6%A8%A1%E5%9E%8B/-/workspace/start", cnb.requests().get(0).rawPath());
        assertTrue(result.sn() != null && !result.alreadyRunning());
        assertEquals("team/sub/模型", cnb.workspaces().get(0).slug);
    }

    @Test
    void startWhileOneRunsReturnsOnlyItsUrl() throws Exception {
        cnb.add("team/sub/模型", "main", "running", Instant.now());
        CnbStartResult result = api.start("team/sub/模型", "main");
        assertTrue(result.alreadyRunning());
        assertNull(result.sn());
        assertTrue(result.url().contains("/webide/"), result.url());
    }

    @Test
    void stopSendsThePipelineIdAndClosesTheWorkspace() throws Exception {
        CnbStandIn.Workspace w = cnb.add("team/a", "main", "running", Instant.now());
        CnbWorkspaceItem item = api.workspaces(null, null, "running").get(0);
        api.stop(item);
        assertEquals("closed", w.status);
        assertTrue(cnb.requests().get(1).body().contains("\"pipelineId\":\"" + w.pipelineId + "\""));
    }

    @Test
    void detailIsReadLenientlyKeepingUnknownLinks() throws Exception {
        cnb.sshLogin("ssh -p 2222 dev@127.0.0.1");
        CnbStandIn.Workspace w = cnb.add("team/a", "main", "running", Instant.now());
        CnbWorkspaceDetail detail = api.detail("team/a", w.sn);
        assertEquals("ssh -p 2222 dev@127.0.0.1", detail.ssh());
        assertTrue(detail.webide().contains(w.sn));
        assertTrue(detail.links().containsKey("zed"));
        assertTrue(detail.vscode().startsWith("vscode://"));
    }

    @Test
    void aRefusedTokenIsAuthFailed() {
        TetherException e = assertThrows(TetherException.class, () -> new CnbApi(cnb.uri(), "bad").user());
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
        assertTrue(e.getLocalizedMessage().contains("401"), e.getLocalizedMessage());
    }

    @Test
    void aMissingScopeIsNamed() {
        cnb.token("narrow", "bob", Set.of("account-profile:r"));
        TetherException e = assertThrows(TetherException.class,
                () -> new CnbApi(cnb.uri(), "narrow").workspaces(null, null, null));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
        assertTrue(e.getLocalizedMessage().contains("account-engage:r"), e.getLocalizedMessage());
        TetherException start = assertThrows(TetherException.class,
                () -> new CnbApi(cnb.uri(), "narrow").start("team/sub/模型", "main"));
        assertTrue(start.getLocalizedMessage().contains("repo-cnb-trigger:rw"), start.getLocalizedMessage());
    }

    @Test
    void unknownRepositoryIsNotFound() {
        TetherException e = assertThrows(TetherException.class, () -> api.start("team/none", "main"));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertTrue(e.getLocalizedMessage().contains("repository not found"), e.getLocalizedMessage());
    }

    @Test
    void rateLimitAndServerErrorsSayWhat() {
        cnb.failNext("/workspace/list", 429);
        TetherException limited = assertThrows(TetherException.class, () -> api.workspaces(null, null, null));
        assertEquals(ErrorCode.CANNOT_CONNECT, limited.code());
        assertTrue(limited.getLocalizedMessage().contains("retry after 30"), limited.getLocalizedMessage());
        cnb.failNext("/user", 500);
        TetherException broken = assertThrows(TetherException.class, () -> api.user());
        assertTrue(broken.getLocalizedMessage().contains("HTTP 500: internal error"), broken.getLocalizedMessage());
    }

    @Test
    void unreachableEndpointIsCannotConnect() throws Exception {
        java.net.URI closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        TetherException e = assertThrows(TetherException.class, () -> new CnbApi(closed, "good").user());
        assertEquals(ErrorCode.CANNOT_CONNECT, e.code());
    }
}
