package app.tether.inventory;

import java.util.List;

/**
 * A server reached by SSH: either an {@code ~/.ssh/config} alias, or host/user/port/identity/jump set
 * here. Null fields mean "not set" (OpenSSH's defaults or the alias's own settings apply). {@code hostKeyAlias}
 * is OpenSSH's HostKeyAlias: the name the host key is kept under in known_hosts (a cloud VM whose address
 * changes on every start is known by its instance id, as gcloud does with {@code compute.ID}).
 */
public record SshServer(
        String name,
        String sshAlias,
        String host,
        String user,
        Integer port,
        String identityFile,
        String jumpHost,
        List<String> tags,
        String notes,
        HourlyPrice price,
        JupyterSettings jupyter,
        List<PortForward> forwards,
        String hostKeyAlias) implements Target {

    public SshServer {
        tags = tags == null ? List.of() : List.copyOf(tags);
        forwards = forwards == null ? List.of() : List.copyOf(forwards);
        jupyter = jupyter == null ? JupyterSettings.defaults() : jupyter;
        notes = notes == null ? "" : notes;
    }

    /** A server without a HostKeyAlias of its own (every kind but cloud VMs). */
    public SshServer(String name, String sshAlias, String host, String user, Integer port, String identityFile,
            String jumpHost, List<String> tags, String notes, HourlyPrice price, JupyterSettings jupyter,
            List<PortForward> forwards) {
        this(name, sshAlias, host, user, port, identityFile, jumpHost, tags, notes, price, jupyter, forwards, null);
    }

    public static SshServer ofAlias(String name, String alias) {
        return new SshServer(name, alias, null, null, null, null, null, List.of(), "", null, null, List.of());
    }

    public static SshServer ofHost(String name, String host, String user, Integer port, String identityFile,
            String jumpHost) {
        return new SshServer(name, null, host, user, port, identityFile, jumpHost, List.of(), "", null, null,
                List.of());
    }

    @Override
    public TargetKind kind() {
        return TargetKind.SSH;
    }

    public boolean usesAlias() {
        return sshAlias != null && !sshAlias.isBlank();
    }

    /** What to show as the address: the alias or user@host:port. */
    public String address() {
        if (usesAlias()) {
            return sshAlias;
        }
        StringBuilder text = new StringBuilder();
        if (user != null && !user.isBlank()) {
            text.append(user).append('@');
        }
        text.append(host);
        if (port != null && port != 22) {
            text.append(':').append(port);
        }
        return text.toString();
    }

    @Override
    public SshServer withName(String newName) {
        return new SshServer(newName, sshAlias, host, user, port, identityFile, jumpHost, tags, notes, price,
                jupyter, forwards, hostKeyAlias);
    }

    public SshServer withForwards(List<PortForward> newForwards) {
        return new SshServer(name, sshAlias, host, user, port, identityFile, jumpHost, tags, notes, price,
                jupyter, newForwards, hostKeyAlias);
    }

    public SshServer withJupyter(JupyterSettings newJupyter) {
        return new SshServer(name, sshAlias, host, user, port, identityFile, jumpHost, tags, notes, price,
                newJupyter, forwards, hostKeyAlias);
    }
}
