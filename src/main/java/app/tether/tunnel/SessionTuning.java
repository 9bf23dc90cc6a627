package app.tether.tunnel;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a session good at forwarding: TCP_NODELAY on its socket (with Nagle on, a channel-open followed
 * by a small request waits ~40 ms for the server's delayed ACK), and a receive window per tunnel channel sized to
 * the path: what the server may send before it hears back has to cover a round trip at the rate wanted, so a far
 * server gets up to {@link #WINDOW_SIZE} and a near one OpenSSH's 2 MiB. A larger window than the path needs
 * buys nothing and costs memory on both ends: {@code sshd} reads that much ahead from the forwarded port into
 * its own buffer while its socket to us is full, growing and shrinking that buffer as it goes (on a server whose
 * TCP paces its sending, as BBR does, the benchmark's {@code sshd} spent a tenth more CPU per MiB serving 8 MiB
 * windows than 2 MiB ones).
 */
final class SessionTuning {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTuning.class);
    /** Receive window per channel: other channels, and a tunnel channel before its session's round trip is known. */
    static final long WINDOW_SIZE = 8L * 1024 * 1024;
    /** The smallest receive window of a tunnel channel: OpenSSH's for forwarded ports. */
    static final long MIN_WINDOW_SIZE = 2L * 1024 * 1024;
    /**
     * The rate one tunnel connection should reach, bytes per second (about 2 Gbit/s): 2 MiB covers round trips up to
     * 7.8 ms (a LAN, a cloud region), the largest window 31 ms and more, as every path did before windows followed it.
     */
    static final long WINDOW_RATE = 256L * 1024 * 1024;
    /** The shortest channel-open round trip seen on a session, nanoseconds ({@code Long.MAX_VALUE}: none yet). */
    private static final AttributeKey<AtomicLong> ROUND_TRIP = new AttributeKey<>();
    /** Largest data packet we accept (OpenSSH sends at most 32 KiB for forwarded TCP anyway). */
    static final long MAX_PACKET_SIZE = 64L * 1024;

    private SessionTuning() {
    }

    /**
     * The receive window for a channel on a path whose round trip is {@code roundTripNanos} (negative: not known):
     * enough to keep {@link #WINDOW_RATE} flowing over that round trip, between {@link #MIN_WINDOW_SIZE} and
     * {@link #WINDOW_SIZE}. Not known means the largest, as a far link needs it.
     */
    static long windowFor(long roundTripNanos) {
        if (roundTripNanos < 0) {
            return WINDOW_SIZE;
        }
        long micros = Math.min(roundTripNanos / 1000, 1_000_000); // a second already asks for more than the most
        long wanted = micros * WINDOW_RATE / 1_000_000;
        return Math.max(MIN_WINDOW_SIZE, Math.min(WINDOW_SIZE, wanted));
    }

    /**
     * Notes how long a channel took to open on {@code session}, from the request to the server's confirmation: one
     * round trip, plus the server's connect to the forwarded port and any wait in a queue, so the shortest seen is
     * the closest to the path's own (it can only be above it).
     */
    static void channelOpened(Session session, long nanos) {
        if (nanos >= 0) {
            session.computeAttributeIfAbsent(ROUND_TRIP, k -> new AtomicLong(Long.MAX_VALUE))
                    .accumulateAndGet(nanos, Math::min);
        }
    }

    /** The shortest channel-open round trip seen on {@code session}, nanoseconds; -1 before the first. */
    static long roundTrip(Session session) {
        AtomicLong shortest = session.getAttribute(ROUND_TRIP);
        long nanos = shortest == null ? Long.MAX_VALUE : shortest.get();
        return nanos == Long.MAX_VALUE ? -1 : nanos;
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
