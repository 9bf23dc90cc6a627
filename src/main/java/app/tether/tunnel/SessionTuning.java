package app.tether.tunnel;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Channel sizes for forwarding on a session: a larger receive window than MINA's 2 MiB default lets
 * the server keep sending while the local side drains, which is what bulk downloads need.
 */
final class SessionTuning {
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
    }
}
