package app.tether.inventory;

/** An extra {@code ssh -L}-style forward kept with a target; localPort 0 means "choose a free one". */
public record PortForward(String label, int localPort, String remoteHost, int remotePort) {
    public PortForward {
        if (localPort < 0 || localPort > 65535 || remotePort < 1 || remotePort > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        if (remoteHost == null || remoteHost.isBlank()) {
            remoteHost = "127.0.0.1";
        }
    }

    /** Parses {@code LOCAL:HOST:REMOTE} or {@code LOCAL:REMOTE} (host 127.0.0.1), as {@code ssh -L} does. */
    public static PortForward parse(String spec) {
        String text = spec.trim();
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first < 0) {
            throw new IllegalArgumentException(spec);
        }
        int local = Integer.parseInt(text.substring(0, first));
        int remote = Integer.parseInt(text.substring(last + 1));
        String host = first == last ? "127.0.0.1" : text.substring(first + 1, last);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new PortForward(null, local, host, remote);
    }

    public String spec() {
        String host = remoteHost.contains(":") ? "[" + remoteHost + "]" : remoteHost;
        return localPort + ":" + host + ":" + remotePort;
    }
}
