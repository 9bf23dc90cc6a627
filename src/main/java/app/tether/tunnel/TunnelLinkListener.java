package app.tether.tunnel;

/**
 * Told when an open tunnel's SSH link drops after it had served, and when it serves again on the same local port;
 * called on an I/O or background thread, so it must not block.
 */
public interface TunnelLinkListener {
    /** The link of the tunnel on {@code localPort} dropped; it is reconnecting. */
    void lost(TunnelSpec spec, int localPort, String reason);

    /** The tunnel on {@code localPort} serves again after {@link #lost}. */
    void back(TunnelSpec spec, int localPort);
}
