package app.tether.providers.gce;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.GceInstance;
import app.tether.inventory.JupyterSettings;
import app.tether.inventory.SshServer;
import com.google.api.services.compute.model.Instance;
import com.google.api.services.compute.model.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes a running VM an SSH target: its external address, the user's key added to the instance's
 * {@code ssh-keys} metadata as gcloud does (with the metadata fingerprint; a 412 is retried once after a fresh
 * read), host keys kept under {@code compute.<instance id>}, and a Deep Learning VM's JupyterLab on 8080.
 */
final class GceSshAccess {
    /** Where sshd listens when not on 22 (a VM behind a port forward; the tests' sshd on loopback). */
    static final String PORT_VARIABLE = "TETHER_GCE_SSH_PORT";
    static final int DLVM_JUPYTER_PORT = 8080;

    private final GceApi api;
    private final Environment environment;
    private final GceKnownInstances known;

    GceSshAccess(GceApi api, Environment environment) {
        this.api = api;
        this.environment = environment;
        this.known = new GceKnownInstances(environment);
    }

    SshServer server(GceInstance target, Progress progress) throws InterruptedException {
        Instance instance = api.instance(target.project(), target.zone(), target.instance());
        if (!"RUNNING".equals(instance.getStatus())) {
            throw new TetherException(ErrorCode.INVALID, "gce.error.notRunning", target.name(), instance.getStatus());
        }
        if (GceInstanceFacts.osLogin(instance)) {
            throw new TetherException(ErrorCode.INVALID, "gce.error.osLogin", target.name());
        }
        String address = GceInstanceFacts.natIp(instance);
        if (address == null) {
            throw new TetherException(ErrorCode.INVALID, "gce.error.noExternalIp", target.name());
        }
        GceSshKey key = GceSshKey.find(environment);
        String user = target.sshUser() != null ? target.sshUser() : localUser();
        authorize(target, instance, key, user, progress);
        String id = String.valueOf(instance.getId());
        String previous = known.instanceId(target.name());
        if (previous != null && !previous.equals(id)) {
            progress.line(Messages.get("gce.access.recreated", target.name(), previous, id));
        }
        known.remember(target.name(), id);
        JupyterSettings jupyter = GceInstanceFacts.deepLearningVm(instance)
                ? new JupyterSettings(DLVM_JUPYTER_PORT, null) : null;
        return new SshServer(target.name(), null, address, user, sshPort(), key.privateKey().toString(), null,
                target.tags(), target.notes(), target.price(), jupyter, List.of(), "compute." + id);
    }

    /** Adds the key to {@code ssh-keys} unless it is there; one retry after a fresh read when the fingerprint was stale. */
    private void authorize(GceInstance target, Instance instance, GceSshKey key, String user, Progress progress)
            throws InterruptedException {
        Instance current = instance;
        for (int attempt = 1; ; attempt++) {
            if (key.authorizedIn(GceInstanceFacts.metadata(current, "ssh-keys"), user)) {
                return;
            }
            progress.line(Messages.get("gce.access.addingKey", user, target.name()));
            try {
                api.setMetadata(target.project(), target.zone(), target.instance(), withKey(current, key, user),
                        progress);
                return;
            } catch (TetherException e) {
                if (attempt > 1 || !"gce.error.412".equals(e.messageKey())) {
                    throw e;
                }
                current = api.instance(target.project(), target.zone(), target.instance());
            }
        }
    }

    /** The instance's metadata with the key line appended to {@code ssh-keys}, under the fingerprint it was read with. */
    private static Metadata withKey(Instance instance, GceSshKey key, String user) {
        Metadata old = instance.getMetadata() == null ? new Metadata() : instance.getMetadata();
        List<Metadata.Items> items = new ArrayList<>();
        String sshKeys = null;
        if (old.getItems() != null) {
            for (Metadata.Items item : old.getItems()) {
                if ("ssh-keys".equals(item.getKey())) {
                    sshKeys = item.getValue();
                } else {
                    items.add(new Metadata.Items().setKey(item.getKey()).setValue(item.getValue()));
                }
            }
        }
        String line = key.metadataLine(user);
        String value = sshKeys == null || sshKeys.isBlank() ? line : sshKeys.stripTrailing() + "\n" + line;
        items.add(new Metadata.Items().setKey("ssh-keys").setValue(value));
        return new Metadata().setFingerprint(old.getFingerprint()).setItems(items);
    }

    /** The login gcloud would use: the local user name, lower case, with only the characters Linux accepts. */
    String localUser() {
        String name = environment.variable("USER");
        if (name == null) {
            name = System.getProperty("user.name", "tether");
        }
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        return clean.length() > 32 ? clean.substring(0, 32) : clean;
    }

    private Integer sshPort() {
        String value = environment.variable(PORT_VARIABLE);
        if (value == null) {
            return null;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException(value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new TetherException(ErrorCode.USAGE, "gce.error.sshPort", PORT_VARIABLE, value);
        }
    }
}
