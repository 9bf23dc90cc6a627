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
        java.util.regex.Matcher m = SPEC.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(spec);
        }
        int local = Integer.parseInt(m.group(1));
        int remote = Integer.parseInt(m.group(4));
        String host = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : "127.0.0.1";
        return new PortForward(null, local, host, remote);
    }

    /** LOCAL:REMOTE, LOCAL:HOST:REMOTE or LOCAL:[IPv6]:REMOTE; a host has no colon, space or control character. */
    private static final java.util.regex.Pattern SPEC = java.util.regex.Pattern.compile(
            "(\\d{1,5})(?::(?:\\[([0-9A-Fa-f:.%\\w]+)]|([^\\s\\p{Cntrl}:\\[\\]]+)))?:(\\d{1,5})");

    public String spec() {
        String host = remoteHost.contains(":") ? "[" + remoteHost + "]" : remoteHost;
        return localPort + ":" + host + ":" + remotePort;
    }
}
