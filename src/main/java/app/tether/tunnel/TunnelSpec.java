package app.tether.tunnel;

import app.tether.inventory.PortForward;

/**
 * One forward of one target: local port on 127.0.0.1 (0 = choose and remember) to
 * {@code remoteHost:remotePort} as seen from the target.
 */
public record TunnelSpec(String targetName, int localPort, String remoteHost, int remotePort) {
    public TunnelSpec {
        if (localPort < 0 || localPort > 65535 || remotePort < 1 || remotePort > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        remoteHost = remoteHost == null || remoteHost.isBlank() ? "127.0.0.1" : remoteHost;
    }

    public static TunnelSpec of(String targetName, PortForward forward) {
        return new TunnelSpec(targetName, forward.localPort(), forward.remoteHost(), forward.remotePort());
    }

    /** {@code HOST:PORT} on the remote side ({@code [v6]:PORT} for IPv6). */
    public String remote() {
        return (remoteHost.contains(":") ? "[" + remoteHost + "]" : remoteHost) + ":" + remotePort;
    }

    /** The key under which the chosen local port is remembered. */
    String memoryKey() {
        return targetName + "|" + remote();
    }
}
