package app.tether.tunnel;

import java.io.IOException;
import java.net.StandardSocketOptions;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a session good at forwarding: TCP_NODELAY on its socket (with Nagle on, a channel-open followed
 * by a small request waits ~40 ms for the server's delayed ACK), and a larger receive window than MINA's
 * 2 MiB default so the server keeps sending while the local side drains.
 */
final class SessionTuning {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTuning.class);
    /** Receive window per channel. */
    static final long WINDOW_SIZE = 8L * 1024 * 1024;
    /** Largest data packet we accept (OpenSSH sends at most 32 KiB for forwarded TCP anyway). */
    static final long MAX_PACKET_SIZE = 64L * 1024;

    private SessionTuning() {
    }

    /** Applies to channels opened on {@code session} from now on; harmless to repeat. */
    static void apply(ClientSession session) {
        CoreModuleProperties.WINDOW_SIZE.set(session, WINDOW_SIZE);
        CoreModuleProperties.MAX_PACKET_SIZE.set(session, MAX_PACKET_SIZE);
        if (session.getIoSession() instanceof Nio2Session nio2) {
            try {
                nio2.getSocket().setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("Could not set TCP_NODELAY on {}: {}", session, e.toString());
            }
        }
    }
}
