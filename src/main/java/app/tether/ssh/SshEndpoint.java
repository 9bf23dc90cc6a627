package app.tether.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One SSH hop, fully resolved: where to connect, as whom, with which keys. {@code label} is what the user
 * wrote (alias or host); {@code hostKeyAlias} (nullable) is OpenSSH's HostKeyAlias.
 */
record SshEndpoint(String label, String hostName, int port, String user, List<Path> identityFiles,
        boolean identitiesOnly, Duration aliveInterval, boolean hashKnownHosts, String hostKeyAlias) {

    /** How messages name this hop: {@code host} or {@code [host]:port}, as known_hosts does. */
    String hostPort() {
        return KnownHosts.hostField(hostName, port);
    }

    /** The name looked up and saved in known_hosts: the HostKeyAlias verbatim, else {@link #hostPort()}. */
    String knownHostsName() {
        return hostKeyAlias != null ? hostKeyAlias : hostPort();
    }

    String userAtHost() {
        return user + "@" + (port == 22 ? hostName : hostName + ":" + port);
    }
}
