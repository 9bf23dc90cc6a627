package app.tether.providers.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.GceInstance;
import app.tether.inventory.HourlyPrice;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.TargetAction;
import app.tether.testing.EnglishMessages;
import app.tether.testing.RecordingProgress;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EnglishMessages.class)
class GceProviderTest {
    private static final String P = GceTestbed.PROJECT;
    private static final String Z = GceTestbed.ZONE;

    @TempDir
    Path dir;
    private GceTestbed bed;
    private ComputeStandIn compute;
    private GceProvider provider;

    @BeforeEach
    void start() throws Exception {
        bed = GceTestbed.start(dir);
        compute = bed.compute();
        provider = new GceProvider(bed.environment());
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private static GceInstance target(String name) {
        return new GceInstance(name, P, Z, name, List.of(), "", null);
    }

    @Test
    void observeReadsEveryTargetOfAProjectFromOneAggregatedListWithAnAccessTokenFromTheAdcTokenEndpoint()
            throws Exception {
        compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        compute.addInstance(P, Z, "nb-2", "n1-standard-8", "nvidia-tesla-t4", 2, false, "TERMINATED");
        compute.addInstance(P, "europe-west4-a", "nb-3", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");

        Map<String, LiveState> states = provider.observe(List.of(target("nb-1"), target("nb-2"),
                new GceInstance("nb-3", P, "europe-west4-a", "nb-3", List.of(), "", null), target("missing")));

        LiveState one = states.get("nb-1");
        assertEquals(TargetState.RUNNING, one.state());
        assertEquals("RUNNING", one.stage());
        assertEquals("g2-standard-8 · 1× nvidia-l4 · Spot", one.hardware());
        assertEquals(new BigDecimal("0.3414"), one.pricePerHour());
        assertTrue(one.message().contains("2026-11-22"), one.message());
        LiveState two = states.get("nb-2");
        assertEquals(TargetState.STOPPED, two.state());
        assertEquals(0, new BigDecimal("1.08").compareTo(two.pricePerHour()), "0.38 + 2 x 0.35");
        LiveState three = states.get("nb-3");
        assertNull(three.pricePerHour(), "no table row for europe-west4: no price, not a guess");
        assertTrue(three.message().contains("europe-west4"), three.message());
        assertEquals(TargetState.ERROR, states.get("missing").state());

        var apiCalls = compute.requests().stream().filter(r -> r.path().startsWith("/compute/")).toList();
        assertEquals(1, apiCalls.size(), apiCalls.toString());
        assertEquals("/compute/v1/projects/proj-1/aggregated/instances", apiCalls.get(0).path());
        String token = apiCalls.get(0).authorization().substring("Bearer ".length());
        assertTrue(compute.issuedTokens().contains(token));
    }

    @Test
    void theTargetsOwnPriceWinsOverTheTable() throws Exception {
        compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        GceInstance own = new GceInstance("nb-1", P, Z, "nb-1", List.of(), "", HourlyPrice.parse("USD 0.50"));
        LiveState state = provider.observe(List.of(own)).get("nb-1");
        assertEquals(new BigDecimal("0.50"), state.pricePerHour());
        assertEquals("Your own price", state.message());
    }

    @Test
    void startStopAndSuspendFollowTheirOperationsUntilDoneWithARequestId() throws Exception {
        compute.addInstance(P, Z, "cpu", "n1-standard-4", null, 0, true, "TERMINATED");
        RecordingProgress progress = new RecordingProgress();

        assertEquals(TargetState.RUNNING, provider.perform(target("cpu"), TargetAction.START, progress).state());
        assertEquals(TargetState.PAUSED, provider.perform(target("cpu"), TargetAction.PAUSE, progress).state());
        assertEquals(TargetState.RUNNING, provider.perform(target("cpu"), TargetAction.START, progress).state());
        assertEquals(TargetState.STOPPED, provider.perform(target("cpu"), TargetAction.STOP, progress).state());

        var posts = compute.requests().stream().filter(r -> r.method().equals("POST") && r.path().startsWith("/compute/"))
                .toList();
        assertEquals(List.of("start", "suspend", "resume", "stop"),
                posts.stream().map(r -> r.path().substring(r.path().lastIndexOf('/') + 1)).toList());
        posts.forEach(r -> assertNotNull(r.query().get("requestId"), r.path()));
        assertEquals(4, posts.stream().map(r -> r.query().get("requestId")).distinct().count());
        long operationReads = compute.requests().stream().filter(r -> r.path().contains("/operations/")).count();
        assertEquals(8, operationReads, "each operation read PENDING -> RUNNING -> DONE");
        assertTrue(progress.lines().contains("start cpu: RUNNING 50%"), progress.lines().toString());
        assertTrue(progress.lines().contains("stop cpu: done"), progress.lines().toString());
    }

    @Test
    void pauseOfAGpuVmThatGoogleWillNotSuspendStopsItInsteadAndSaysSo() throws Exception {
        compute.addInstance(P, Z, "gpu", "n1-standard-8", "nvidia-tesla-t4", 1, true, "RUNNING");
        RecordingProgress progress = new RecordingProgress();

        LiveState after = provider.perform(target("gpu"), TargetAction.PAUSE, progress);

        assertEquals(TargetState.STOPPED, after.state());
        assertTrue(after.message().startsWith("Google Cloud refused to suspend \"gpu\""), after.message());
        assertTrue(after.message().contains("suspend is not supported for instances with GPUs"), after.message());
        assertTrue(progress.lines().contains(after.message()));
    }

    @Test
    void quotaAndStockoutErrorsAreGooglesMessageOnOneLine() throws Exception {
        compute.addInstance(P, Z, "gpu", "g2-standard-8", "nvidia-l4", 1, true, "TERMINATED");
        compute.failNextOperation("QUOTA_EXCEEDED", "Quota 'NVIDIA_L4_GPUS' exceeded.  Limit: 0.0 in region us-central1.");
        GceOperationFailure quota = assertThrows(GceOperationFailure.class,
                () -> provider.perform(target("gpu"), TargetAction.START, Progress.NONE));
        assertEquals("start gpu failed: QUOTA_EXCEEDED: Quota 'NVIDIA_L4_GPUS' exceeded.  Limit: 0.0 in region"
                + " us-central1.", quota.getLocalizedMessage());
        assertFalse(quota.noCapacity());

        compute.failNextOperation("ZONE_RESOURCE_POOL_EXHAUSTED", "The zone 'projects/proj-1/zones/us-central1-a'"
                + " does not have enough resources available to fulfill the request.  Try a different zone, or try"
                + " again later.");
        GceOperationFailure stockout = assertThrows(GceOperationFailure.class,
                () -> provider.perform(target("gpu"), TargetAction.START, Progress.NONE));
        assertTrue(stockout.noCapacity());
        assertFalse(stockout.getLocalizedMessage().contains("\n"));
        assertEquals("TERMINATED", compute.instance(P, Z, "gpu").get("status").asText());
    }

    @Test
    void httpErrorsBecomeOneLineWithTheRightExitCode() throws Exception {
        compute.addInstance(P, Z, "vm", "n1-standard-4", null, 0, true, "RUNNING");
        String get = "projects/proj-1/zones/us-central1-a/instances/vm";

        compute.failNext("GET", get, 403, "forbidden", "Required 'compute.instances.get' permission for"
                + " 'projects/proj-1/zones/us-central1-a/instances/vm'");
        TetherException forbidden = assertThrows(TetherException.class, () -> provider.observe(target("vm")));
        assertEquals(ErrorCode.AUTH_FAILED, forbidden.code());
        assertTrue(forbidden.getLocalizedMessage().contains("Required 'compute.instances.get' permission"));

        compute.failNext("GET", get, 401, "authError", "Request had invalid authentication credentials.");
        compute.failNext("GET", get, 401, "authError", "Request had invalid authentication credentials.");
        TetherException unauthorized = assertThrows(TetherException.class, () -> provider.observe(target("vm")));
        assertEquals(ErrorCode.AUTH_FAILED, unauthorized.code());
        assertTrue(unauthorized.getLocalizedMessage().contains("gcloud auth application-default login"));

        compute.failNext("GET", get, 429, "rateLimitExceeded", "Rate Limit Exceeded");
        compute.failNext("GET", get, 500, "backendError", "Internal error. Please try again.");
        assertEquals(TargetState.RUNNING, provider.observe(target("vm")).state(), "retried twice, then answered");

        for (int i = 0; i < 3; i++) {
            compute.failNext("GET", get, 500, "backendError", "Internal error. Please try again.");
        }
        TetherException server = assertThrows(TetherException.class, () -> provider.observe(target("vm")));
        assertEquals(ErrorCode.CANNOT_CONNECT, server.code());
        assertEquals("Google Cloud failed for proj-1/us-central1-a/vm (HTTP 500): Internal error. Please try again."
                + " (try again later)", server.getLocalizedMessage());

        TetherException missing = assertThrows(TetherException.class,
                () -> provider.perform(target("nope"), TargetAction.STOP, Progress.NONE));
        assertEquals(ErrorCode.NOT_FOUND, missing.code());
        assertTrue(missing.getLocalizedMessage().contains("'projects/proj-1/zones/us-central1-a/instances/nope' was"
                + " not found"), missing.getLocalizedMessage());
    }

    @Test
    void aRetriedChangeSendsTheSameRequestIdSoGoogleDoesItOnce() throws Exception {
        compute.addInstance(P, Z, "vm", "n1-standard-4", null, 0, true, "TERMINATED");
        compute.failNext("POST", ".*/instances/vm/start", 503, "backendError", "Service unavailable");

        provider.perform(target("vm"), TargetAction.START, Progress.NONE);

        var starts = compute.requests().stream().filter(r -> r.path().endsWith("/vm/start")).toList();
        assertEquals(2, starts.size());
        assertEquals(starts.get(0).query().get("requestId"), starts.get(1).query().get("requestId"));
    }

    @Test
    void aSpotVmStoppedByAPreemptionOperationIsPreemptedAndOneStoppedByTheUserIsNot() throws Exception {
        compute.addInstance(P, Z, "spot", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        compute.addInstance(P, Z, "mine", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        provider.perform(target("mine"), TargetAction.STOP, Progress.NONE);
        compute.preempt(P, Z, "spot");

        Map<String, LiveState> states = provider.observe(List.of(target("spot"), target("mine")));

        assertEquals(TargetState.PREEMPTED, states.get("spot").state());
        assertEquals("TERMINATED", states.get("spot").stage());
        assertEquals("Google preempted \"spot\" (Spot VM).", states.get("spot").message());
        assertEquals(TargetState.STOPPED, states.get("mine").state());
        var filters = compute.requests().stream().filter(r -> r.path().endsWith("/operations"))
                .map(r -> r.query().get("filter")).toList();
        assertTrue(filters.contains("operationType=\"compute.instances.preempted\" AND targetLink=\""
                + ComputeStandIn.LINK_BASE + "projects/proj-1/zones/us-central1-a/instances/spot\""), filters.toString());

        provider.observe(List.of(target("spot"), target("mine")));
        long listed = compute.requests().stream().filter(r -> r.path().endsWith("/operations")).count();
        assertEquals(2, listed, "asked once per stop, not every round");

        provider.perform(target("spot"), TargetAction.START, Progress.NONE);
        assertEquals(TargetState.RUNNING, provider.observe(target("spot")).state());
    }

    @Test
    void aRefusedRefreshTokenIsAnAuthFailureNamingTheGcloudCommand() throws Exception {
        compute.addInstance(P, Z, "vm", "n1-standard-4", null, 0, true, "RUNNING");
        compute.refuseTokens(true);
        TetherException e = assertThrows(TetherException.class, () -> provider.observe(target("vm")));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
        assertTrue(e.getLocalizedMessage().startsWith("Google did not give an access token for the credentials "),
                e.getLocalizedMessage());
        assertTrue(e.getLocalizedMessage().contains("gcloud auth application-default login"));
        assertFalse(e.getLocalizedMessage().contains("rtoken"), "no secret in the message");
    }

    @Test
    void credentialsAreFoundWhereGcloudPutsThemAndNoneNamesTheLoginCommand() throws Exception {
        Path home = Files.createDirectories(dir.resolve("other-home"));
        Environment bare = new Environment(dir.resolve("t2"), home);
        TetherException none = assertThrows(TetherException.class, () -> GceCredentials.find(bare));
        assertEquals(ErrorCode.AUTH_FAILED, none.code());
        assertTrue(none.getLocalizedMessage().contains("gcloud auth application-default login"));
        assertTrue(none.getLocalizedMessage().contains(home.resolve(".config/gcloud/application_default_credentials.json")
                .toString()));

        Path sdk = dir.resolve("sdk-config");
        compute.writeAdc(sdk.resolve("application_default_credentials.json"), null);
        assertEquals(sdk.resolve("application_default_credentials.json"),
                GceCredentials.find(bare.withVariable("CLOUDSDK_CONFIG", sdk.toString())).file());

        Path explicit = compute.writeAdc(dir.resolve("key.json"), "quota-p");
        GceCredentials found = GceCredentials.find(bare.withVariable("CLOUDSDK_CONFIG", sdk.toString())
                .withVariable("GOOGLE_APPLICATION_CREDENTIALS", explicit.toString()));
        assertEquals(explicit, found.file());
        assertEquals("quota-p", found.projectHint());
        assertFalse(found.toString().contains("csecret"));

        TetherException missingFile = assertThrows(TetherException.class, () -> GceCredentials.find(
                bare.withVariable("GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("gone.json").toString())));
        assertTrue(missingFile.getLocalizedMessage().contains("gone.json"));

        Files.writeString(dir.resolve("ext.json"), "{\"type\":\"external_account\"}");
        TetherException type = assertThrows(TetherException.class, () -> GceCredentials.find(
                bare.withVariable("GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("ext.json").toString())));
        assertTrue(type.getLocalizedMessage().contains("external_account"));
    }

    @Test
    void theProjectComesFromTheFlagThenTheEnvironmentThenGcloudsActiveConfigurationThenTheCredentials()
            throws Exception {
        Path home = Files.createDirectories(dir.resolve("h"));
        Path gcloud = Files.createDirectories(home.resolve(".config/gcloud/configurations"));
        Files.writeString(home.resolve(".config/gcloud/active_config"), "work\n");
        Files.writeString(gcloud.resolve("config_work"), "[core]\naccount = me@example.com\nproject = from-config\n");
        Environment env = new Environment(dir.resolve("t"), home);

        assertEquals("flag", GceProject.resolve("flag", env.withVariable("CLOUDSDK_CORE_PROJECT", "sdk"), () -> "c"));
        assertEquals("sdk", GceProject.resolve(null, env.withVariable("CLOUDSDK_CORE_PROJECT", "sdk")
                .withVariable("GOOGLE_CLOUD_PROJECT", "gcp"), () -> "c"));
        assertEquals("gcp", GceProject.resolve(null, env.withVariable("GOOGLE_CLOUD_PROJECT", "gcp"), () -> "c"));
        assertEquals("from-config", GceProject.resolve(null, env, () -> "c"));
        Files.delete(gcloud.resolve("config_work"));
        assertEquals("c", GceProject.resolve(null, env, () -> "c"));
        TetherException none = assertThrows(TetherException.class, () -> GceProject.resolve(null, env, () -> null));
        assertTrue(none.getLocalizedMessage().contains("--project"));
    }
}
