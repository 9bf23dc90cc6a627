package app.tether.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import org.junit.jupiter.api.Test;

class StatusProbeTest {
    private static Reachability of(ErrorCode code, String key) {
        return StatusProbe.reachability(new TetherException(code, key));
    }

    @Test
    void failuresMapToReachability() {
        assertEquals(Reachability.OFFLINE, of(ErrorCode.CANNOT_CONNECT, "error.ssh.refused"));
        assertEquals(Reachability.OFFLINE, of(ErrorCode.CANNOT_CONNECT, "error.ssh.timeout"));
        assertEquals(Reachability.OFFLINE, of(ErrorCode.REMOTE_FAILED, "error.remote.timeout"));
        assertEquals(Reachability.AUTH_FAILED, of(ErrorCode.AUTH_FAILED, "error.ssh.authFailed"));
        assertEquals(Reachability.HOST_KEY_CHANGED, of(ErrorCode.HOST_KEY_REFUSED, "error.hostKey.changed"));
        assertEquals(Reachability.HOST_KEY_CHANGED, of(ErrorCode.HOST_KEY_REFUSED, "error.hostKey.revoked"));
        assertEquals(Reachability.HOST_KEY_UNKNOWN, of(ErrorCode.HOST_KEY_REFUSED, "error.hostKey.unknown"));
        assertEquals(Reachability.HOST_KEY_UNKNOWN, of(ErrorCode.HOST_KEY_REFUSED, "error.hostKey.declined"));
    }
}
