package app.tether.providers.cnb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CnbTimeLeftTest {
    private final CnbRunners runners = CnbRunners.standard();

    @Test
    void aGpuWorkspaceEndsFourHoursAfterItStarted() {
        Instant created = Instant.parse("2026-12-05T02:00:00Z"); // 10:00 in Shanghai
        CnbTimeLeft left = CnbTimeLeft.of(created, runners.find("L40").orElseThrow(), runners.overnight());
        assertEquals(CnbTimeLeft.Reason.LIMIT, left.reason());
        assertEquals(Instant.parse("2026-12-05T06:00:00Z"), left.deadline());
        assertEquals(Duration.ofMinutes(90), left.left(Instant.parse("2026-12-05T04:30:00Z")));
        assertEquals(Duration.ZERO, left.left(Instant.parse("2026-12-05T07:00:00Z")));
    }

    @Test
    void aLongCpuWorkspaceEndsAtTheOvernightWindowOnceUsedEightHours() {
        // started 12:00 Shanghai; 8 h later is 20:00; the next 04:00 Shanghai is 20:00 UTC the same day
        Instant created = Instant.parse("2026-12-05T04:00:00Z");
        CnbTimeLeft left = CnbTimeLeft.of(created, runners.find("cpu").orElseThrow(), runners.overnight());
        assertEquals(CnbTimeLeft.Reason.OVERNIGHT, left.reason());
        assertEquals(Instant.parse("2026-12-05T20:00:00Z"), left.deadline());
    }

    @Test
    void insideTheWindowAlreadyTheCutIsTheThreshold() {
        // started 20:30 Shanghai; 8 h later is 04:30, inside 04:00–06:00
        Instant created = Instant.parse("2026-12-05T12:30:00Z");
        assertEquals(Instant.parse("2026-12-05T20:30:00Z"), CnbTimeLeft.overnightCut(created, runners.overnight()));
    }

    @Test
    void anUnknownRunnerIsTreatedAsTheDefaultGpuOne() {
        assertEquals("cnb:arch:amd64:gpu", runners.forTag(null).tag());
        assertEquals(Duration.ofHours(4), runners.forTag("something-new").maxLifetime());
    }
}
