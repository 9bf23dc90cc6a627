package app.tether.providers.gce;

import app.tether.inventory.TargetState;
import com.google.api.services.compute.model.AcceleratorConfig;
import com.google.api.services.compute.model.AccessConfig;
import com.google.api.services.compute.model.Instance;
import com.google.api.services.compute.model.Metadata;
import com.google.api.services.compute.model.NetworkInterface;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What Tether reads out of an {@code Instance} resource: state, machine, GPUs, Spot or not, address, metadata. */
final class GceInstanceFacts {
    private GceInstanceFacts() {
    }

    /** The state for Compute's status word (preemption is decided separately, from the zone operations). */
    static TargetState state(String status) {
        if (status == null) {
            return TargetState.UNKNOWN;
        }
        return switch (status) {
            case "PROVISIONING", "STAGING", "REPAIRING" -> TargetState.STARTING;
            case "RUNNING" -> TargetState.RUNNING;
            case "STOPPING", "SUSPENDING", "DEPROVISIONING" -> TargetState.STOPPING;
            case "TERMINATED", "STOPPED" -> TargetState.STOPPED;
            case "SUSPENDED" -> TargetState.PAUSED;
            default -> TargetState.UNKNOWN;
        };
    }

    /** The last segment of a resource URL ("…/zones/us-central1-a" → "us-central1-a"). */
    static String last(String url) {
        if (url == null) {
            return null;
        }
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static String region(String zone) {
        int dash = zone.lastIndexOf('-');
        return dash > 0 ? zone.substring(0, dash) : zone;
    }

    static boolean spot(Instance instance) {
        var scheduling = instance.getScheduling();
        return scheduling != null && ("SPOT".equals(scheduling.getProvisioningModel())
                || Boolean.TRUE.equals(scheduling.getPreemptible()));
    }

    /** GPU type → count, from {@code guestAccelerators}. */
    static Map<String, Integer> gpus(Instance instance) {
        Map<String, Integer> gpus = new LinkedHashMap<>();
        if (instance.getGuestAccelerators() != null) {
            for (AcceleratorConfig accelerator : instance.getGuestAccelerators()) {
                Integer count = accelerator.getAcceleratorCount();
                gpus.merge(last(accelerator.getAcceleratorType()), count == null ? 1 : count, Integer::sum);
            }
        }
        return gpus;
    }

    /** "g2-standard-8 · 1× nvidia-l4 · Spot". */
    static String hardware(Instance instance) {
        StringBuilder text = new StringBuilder(String.valueOf(last(instance.getMachineType())));
        gpus(instance).forEach((type, count) -> text.append(" · ").append(count).append("× ").append(type));
        if (spot(instance)) {
            text.append(" · Spot");
        }
        return text.toString();
    }

    /** The external address of the first interface that has one, or null. */
    static String natIp(Instance instance) {
        if (instance.getNetworkInterfaces() != null) {
            for (NetworkInterface nic : instance.getNetworkInterfaces()) {
                if (nic.getAccessConfigs() != null) {
                    for (AccessConfig access : nic.getAccessConfigs()) {
                        if (access.getNatIP() != null && !access.getNatIP().isBlank()) {
                            return access.getNatIP();
                        }
                    }
                }
            }
        }
        return null;
    }

    static String metadata(Instance instance, String key) {
        Metadata metadata = instance.getMetadata();
        if (metadata == null || metadata.getItems() == null) {
            return null;
        }
        for (Metadata.Items item : metadata.getItems()) {
            if (key.equals(item.getKey())) {
                return item.getValue();
            }
        }
        return null;
    }

    static boolean osLogin(Instance instance) {
        String value = metadata(instance, "enable-oslogin");
        return value != null && value.strip().toLowerCase(Locale.ROOT).matches("true|1|yes");
    }

    /**
     * A Deep Learning VM (JupyterLab already on 8080): its boot disk carries a license of the
     * deeplearning-platform-release image project, or the DLVM's own {@code jupyter-user} / {@code proxy-mode} metadata.
     */
    static boolean deepLearningVm(Instance instance) {
        if (metadata(instance, "jupyter-user") != null || metadata(instance, "proxy-mode") != null) {
            return true;
        }
        if (instance.getDisks() != null) {
            for (var disk : instance.getDisks()) {
                if (disk.getLicenses() != null
                        && disk.getLicenses().stream().anyMatch(l -> l.contains("/deeplearning-platform-release/"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
