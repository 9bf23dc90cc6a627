package app.tether.inventory;

import java.util.List;

/**
 * A Google Compute Engine VM (project/zone/instance). {@code price} is the user's own hourly price (it wins
 * over Tether's price table); {@code sshUser} the login on the VM (null: the local user name, as gcloud
 * does); {@code restartAfterPreemption} what to do when the Spot VM is preempted (null: off).
 */
public record GceInstance(String name, String project, String zone, String instance, List<String> tags,
        String notes, HourlyPrice price, String sshUser, PreemptionRestart restartAfterPreemption)
        implements Target {
    public GceInstance {
        tags = tags == null ? List.of() : List.copyOf(tags);
        notes = notes == null ? "" : notes;
    }

    public GceInstance(String name, String project, String zone, String instance, List<String> tags,
            String notes, HourlyPrice price) {
        this(name, project, zone, instance, tags, notes, price, null, null);
    }

    @Override
    public TargetKind kind() {
        return TargetKind.GCE;
    }

    /** What happens after a preemption; off unless the user chose otherwise. */
    public PreemptionRestart preemptionRestart() {
        return restartAfterPreemption == null ? PreemptionRestart.OFF : restartAfterPreemption;
    }

    @Override
    public GceInstance withName(String newName) {
        return new GceInstance(newName, project, zone, instance, tags, notes, price, sshUser, restartAfterPreemption);
    }

    public GceInstance withRestartAfterPreemption(PreemptionRestart restart) {
        return new GceInstance(name, project, zone, instance, tags, notes, price, sshUser, restart);
    }
}
