package app.tether.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One SSH hop, fully resolved: where to connect, as whom, with which keys. {@code label} is what the user
 * wrote (alias or host) and is used in messages.
 */
record SshEndpoint(String label, String hostName, int port, String user, List<Path> identityFiles,
        boolean identitiesOnly, Duration aliveInterval, boolean hashKnownHosts) {

    String hostPort() {
        return KnownHosts.hostField(hostName, port);
    }

    String userAtHost() {
        return user + "@" + (port == 22 ? hostName : hostName + ":" + port);
    }
}
