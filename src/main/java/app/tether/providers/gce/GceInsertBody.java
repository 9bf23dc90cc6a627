package app.tether.providers.gce;

import com.google.api.services.compute.model.AcceleratorConfig;
import com.google.api.services.compute.model.AccessConfig;
import com.google.api.services.compute.model.AttachedDisk;
import com.google.api.services.compute.model.AttachedDiskInitializeParams;
import com.google.api.services.compute.model.Instance;
import com.google.api.services.compute.model.Metadata;
import com.google.api.services.compute.model.NetworkInterface;
import com.google.api.services.compute.model.Scheduling;
import java.time.Duration;
import java.util.List;

/**
 * What {@code tether gce create} asks for, and the {@code instances.insert} body it becomes (cnb-and-gce-apis.md
 * §4.3): Spot with termination action STOP by default, onHostMaintenance TERMINATE, automaticRestart false,
 * {@code install-nvidia-driver=True}, the boot disk from a resolved image, an external NAT address.
 */
public record GceInsertBody(String name, String zone, String machineType, String gpuType, int gpuCount,
        String sourceImage, long diskGb, boolean spot, String terminationAction, Duration maxRunDuration) {

    public Instance toInstance() {
        Instance instance = new Instance()
                .setName(name)
                .setMachineType("zones/" + zone + "/machineTypes/" + machineType)
                .setDisks(List.of(new AttachedDisk().setBoot(true).setAutoDelete(true)
                        .setInitializeParams(new AttachedDiskInitializeParams()
                                .setSourceImage(sourceImage).setDiskSizeGb(diskGb))))
                .setNetworkInterfaces(List.of(new NetworkInterface().setNetwork("global/networks/default")
                        .setAccessConfigs(List.of(new AccessConfig().setType("ONE_TO_ONE_NAT").setName("External NAT")))))
                .setScheduling(scheduling())
                .setMetadata(new Metadata().setItems(List.of(
                        new Metadata.Items().setKey("install-nvidia-driver").setValue("True"))));
        if (gpuType != null && gpuCount > 0) {
            instance.setGuestAccelerators(List.of(new AcceleratorConfig()
                    .setAcceleratorType("zones/" + zone + "/acceleratorTypes/" + gpuType)
                    .setAcceleratorCount(gpuCount)));
        }
        return instance;
    }

    private Scheduling scheduling() {
        // GPU VMs cannot live-migrate: TERMINATE on host maintenance, standard or Spot.
        Scheduling scheduling = new Scheduling().setOnHostMaintenance("TERMINATE");
        if (spot) {
            scheduling.setProvisioningModel("SPOT")
                    .setInstanceTerminationAction(terminationAction == null ? "STOP" : terminationAction)
                    .setAutomaticRestart(false);
        } else {
            scheduling.setProvisioningModel("STANDARD").setAutomaticRestart(true);
        }
        if (maxRunDuration != null) {
            scheduling.setMaxRunDuration(new com.google.api.services.compute.model.Duration()
                    .setSeconds(maxRunDuration.toSeconds()));
            if (!spot) {
                scheduling.setInstanceTerminationAction(terminationAction == null ? "STOP" : terminationAction);
            }
        }
        return scheduling;
    }
}
