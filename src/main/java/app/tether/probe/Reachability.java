package app.tether.probe;

/** Whether Tether could log in to a server, and if not, what stopped it. */
public enum Reachability {
    ONLINE,
    /** Could not connect (DNS, refused, timeout) or the connection broke during the probe. */
    OFFLINE,
    AUTH_FAILED,
    /** The server presented a different host key than known_hosts holds. */
    HOST_KEY_CHANGED,
    /** The server's host key is not in known_hosts yet and nobody was asked to trust it. */
    HOST_KEY_UNKNOWN
}
