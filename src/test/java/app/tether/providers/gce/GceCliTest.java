package app.tether.providers.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.GceInstance;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.PreemptionRestart;
import app.tether.inventory.Target;
import app.tether.testing.CliRunner;
import app.tether.testing.EnglishMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EnglishMessages.class)
class GceCliTest {
    private static final String P = GceTestbed.PROJECT;
    private static final String Z = GceTestbed.ZONE;
    private static final String FAMILY = "common-cu128-ubuntu-2204-nvidia-570";

    @TempDir
    Path dir;
    private GceTestbed bed;
    private ComputeStandIn compute;
    private CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        bed = GceTestbed.start(dir);
        compute = bed.compute();
        cli = CliRunner.of(bed.environment());
        compute.addImage("deeplearning-platform-release", FAMILY, "common-cu128-ubuntu-2204-nvidia-570-v20261101");
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private List<Target> targets() {
        return new InventoryStore(bed.environment().inventoryFile()).load().targets();
    }

    @Test
    void importAddsTheProjectsVmsNotYetInTheListUnderTheirOwnNames() {
        compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        compute.addInstance(P, "europe-west4-a", "nb-2", "n1-standard-4", null, 0, false, "TERMINATED");
        assertEquals(0, cli.run("add", "ssh", "nb-1", "--host", "example.org"));

        assertEquals(0, cli.run("gce", "import"), cli.err());
        assertEquals("Added \"nb-1 (us-central1-a)\" (proj-1/us-central1-a/nb-1).\n"
                + "Added \"nb-2\" (proj-1/europe-west4-a/nb-2).\n"
                + "Imported 2 VM(s) of project proj-1; 0 already in the list.\n", cli.out());
        assertEquals(0, cli.run("gce", "import"));
        assertTrue(cli.out().contains("Imported 0 VM(s) of project proj-1; 2 already in the list."), cli.out());
        GceInstance imported = (GceInstance) targets().get(2);
        assertEquals(new GceInstance("nb-2", P, "europe-west4-a", "nb-2", List.of(), "", null), imported);

        assertEquals(0, cli.run("gce", "import", "--project", "proj-1", "--zone", "asia-east1-b"));
        assertTrue(cli.out().contains("Imported 0 VM(s)"), cli.out());
    }

    @Test
    void addGceChecksTheVmExistsAndTakesTheProjectFromTheCredentialsWhenNoneIsGiven() {
        compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");

        assertEquals(1, cli.run("add", "gce", "x", "--instance", "nope", "--zone", Z));
        assertEquals("tether: Google Cloud has no proj-1/us-central1-a/nope: The resource"
                + " 'projects/proj-1/zones/us-central1-a/instances/nope' was not found\n", cli.err());
        assertTrue(targets().isEmpty());

        assertEquals(0, cli.run("add", "gce", "my box", "--instance", "nb-1", "--zone", Z,
                "--restart-after-preemption", "automatic", "--price", "USD 0.40"), cli.err());
        GceInstance added = (GceInstance) targets().get(0);
        assertEquals(P, added.project());
        assertEquals(PreemptionRestart.AUTOMATIC, added.preemptionRestart());
        assertEquals("USD 0.40", added.price().toString());

        assertEquals(2, cli.run("add", "gce", "y", "--instance", "nb-1", "--zone", Z,
                "--restart-after-preemption", "sometimes"));
        assertTrue(cli.err().contains("off, ask or automatic"), cli.err());
    }

    @Test
    void createSendsExactlyTheReferenceInsertBodyWaitsForTheOperationAndAddsTheVm() throws Exception {
        assertEquals(0, cli.run("gce", "create", "nb-1", "--zone", Z, "--machine-type", "g2-standard-8",
                "--gpu", "nvidia-l4:1", "--image-family", FAMILY), cli.err());

        var insert = compute.requests().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/compute/v1/projects/proj-1/zones/us-central1-a/instances")).toList();
        assertEquals(1, insert.size());
        assertNotNull(insert.get(0).query().get("requestId"));
        // cnb-and-gce-apis.md §4.3, with the family filled in:
        JsonNode reference = new ObjectMapper().readTree("""
                {"name":"nb-1","machineType":"zones/us-central1-a/machineTypes/g2-standard-8",
                 "guestAccelerators":[{"acceleratorType":"zones/us-central1-a/acceleratorTypes/nvidia-l4","acceleratorCount":1}],
                 "disks":[{"boot":true,"autoDelete":true,"initializeParams":{
                   "sourceImage":"projects/deeplearning-platform-release/global/images/family/common-cu128-ubuntu-2204-nvidia-570","diskSizeGb":"150"}}],
                 "networkInterfaces":[{"network":"global/networks/default","accessConfigs":[{"type":"ONE_TO_ONE_NAT","name":"External NAT"}]}],
                 "scheduling":{"provisioningModel":"SPOT","instanceTerminationAction":"STOP","onHostMaintenance":"TERMINATE","automaticRestart":false},
                 "metadata":{"items":[{"key":"install-nvidia-driver","value":"True"}]}}
                """);
        assertEquals(reference, new ObjectMapper().readTree(insert.get(0).body()));
        assertTrue(cli.err().contains("Image common-cu128-ubuntu-2204-nvidia-570-v20261101"), cli.err());
        assertTrue(cli.err().contains("insert nb-1: done"), cli.err());
        assertEquals("Created \"nb-1\" (proj-1/us-central1-a/nb-1) and added it to the list.\n", cli.out());
        assertEquals("RUNNING", compute.instance(P, Z, "nb-1").get("status").asText());
        assertEquals(new GceInstance("nb-1", P, Z, "nb-1", List.of(), "", null), targets().get(0));
    }

    @Test
    void createStandardWithAMaximumRunTimeAndDeleteOnTermination() throws Exception {
        assertEquals(0, cli.run("gce", "create", "long", "--zone", Z, "--machine-type", "n1-standard-8",
                "--gpu", "nvidia-tesla-t4:2", "--standard", "--max-run-duration", "8h",
                "--termination-action", "delete", "--disk-gb", "200", "--image-family", FAMILY), cli.err());
        var body = new ObjectMapper().readTree(compute.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().startsWith("/compute/")).findFirst().orElseThrow().body());
        assertEquals(new ObjectMapper().readTree("""
                {"provisioningModel":"STANDARD","onHostMaintenance":"TERMINATE","automaticRestart":true,
                 "instanceTerminationAction":"DELETE","maxRunDuration":{"seconds":"28800"}}"""), body.get("scheduling"));
        assertEquals("200", body.at("/disks/0/initializeParams/diskSizeGb").asText());
        assertEquals(2, body.at("/guestAccelerators/0/acceleratorCount").asInt());
    }

    @Test
    void aRetiredImageFamilyIsAClearErrorAndNothingIsCreated() {
        assertEquals(1, cli.run("gce", "create", "nb-1", "--zone", Z, "--machine-type", "g2-standard-8",
                "--image-family", "pytorch-latest-gpu"));
        assertEquals("tether: The image family pytorch-latest-gpu has no image in project deeplearning-platform-release"
                + " (retired or misspelled); pick a current one with 'gcloud compute images list --project"
                + " deeplearning-platform-release --no-standard-images'.\n", cli.err());
        assertTrue(compute.requests().stream().noneMatch(r -> r.method().equals("POST")
                && r.path().startsWith("/compute/")));
        assertTrue(targets().isEmpty());
    }

    @Test
    void aQuotaErrorOnCreateIsOneLineAndTheVmIsNotAdded() {
        compute.failNextOperation("QUOTA_EXCEEDED", "Quota 'NVIDIA_L4_GPUS' exceeded.  Limit: 0.0 in region us-central1.");
        assertEquals(1, cli.run("gce", "create", "nb-1", "--zone", Z, "--machine-type", "g2-standard-8",
                "--image-family", FAMILY));
        String last = cli.err().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("tether: insert nb-1 failed: QUOTA_EXCEEDED: Quota 'NVIDIA_L4_GPUS' exceeded.  Limit: 0.0 in"
                + " region us-central1.", last);
        assertTrue(targets().isEmpty());
        assertNull(compute.instance(P, Z, "nb-1"));
    }

    @Test
    void badCreateArgumentsAreUsageErrorsBeforeAnyCall() {
        assertEquals(2, cli.run("gce", "create", "My Box", "--zone", Z, "--machine-type", "g2-standard-8"));
        assertTrue(cli.err().contains("--instance"), cli.err());
        assertEquals(2, cli.run("gce", "create", "nb", "--zone", Z, "--machine-type", "x", "--gpu", "l4:99"));
        assertEquals(2, cli.run("gce", "create", "nb", "--zone", Z, "--machine-type", "x", "--spot", "--standard"));
        assertEquals(2, cli.run("gce", "create", "nb", "--zone", Z, "--machine-type", "x", "--max-run-duration", "soon"));
        assertEquals(2, cli.run("gce", "create", "nb", "--zone", Z, "--machine-type", "x",
                "--termination-action", "pause"));
        assertTrue(compute.requests().stream().noneMatch(r -> r.path().startsWith("/compute/")));
    }

    @Test
    void deleteWithoutATerminalNeedsYesAndWithYesDeletesTheVmAndItsEntry() {
        compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        assertEquals(0, cli.run("add", "gce", "nb", "--instance", "nb-1", "--zone", Z));

        assertEquals(2, cli.run("gce", "delete", "nb"));
        assertEquals("tether: Deleting \"nb\" needs a yes: run it at a terminal to be asked, or add --yes.\n", cli.err());
        assertNotNull(compute.instance(P, Z, "nb-1"));
        assertEquals(1, targets().size());

        assertEquals(0, cli.run("gce", "delete", "nb", "--yes"), cli.err());
        assertEquals("Deleted \"nb\" (proj-1/us-central1-a/nb-1) and removed it from the list.\n", cli.out());
        assertNull(compute.instance(P, Z, "nb-1"));
        assertTrue(targets().isEmpty());
        assertFalse(cli.err().contains("Exception"));
    }

    @Test
    void setChangesOnlyTheGivenSettings() {
        compute.addInstance(P, Z, "nb-1", "g2-standard-8", "nvidia-l4", 1, true, "RUNNING");
        assertEquals(0, cli.run("add", "gce", "nb", "--instance", "nb-1", "--zone", Z, "--price", "USD 0.40"));

        assertEquals(0, cli.run("gce", "set", "nb", "--restart-after-preemption", "ask", "--user", "jupyter"));
        assertEquals("\"nb\": restart after preemption ask, own price USD 0.40, login jupyter.\n", cli.out());
        assertEquals(0, cli.run("gce", "set", "nb", "--price", "none"));
        GceInstance changed = (GceInstance) targets().get(0);
        assertEquals(new GceInstance("nb", P, Z, "nb-1", List.of(), "", null, "jupyter", PreemptionRestart.ASK), changed);
        assertEquals(2, cli.run("gce", "set", "nb", "--restart-after-preemption", "maybe"));
    }
}
