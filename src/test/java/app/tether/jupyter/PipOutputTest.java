package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pip's output as captured from pip 23.0.1 (Debian 12) in a venv on a machine with no package index. */
class PipOutputTest {
    private static final List<String> OFFLINE = List.of(
            "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection "
                    + "broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at "
                    + "0x7f0beb92f590>: Failed to establish a new connection: [Errno -2] Name or service not known')': "
                    + "/simple/jupyterlab/",
            "ERROR: Could not find a version that satisfies the requirement jupyterlab (from versions: none)",
            "ERROR: No matching distribution found for jupyterlab");

    @Test
    void anUnreachableIndexBecomesOneReasonAndNoRawLines() {
        List<String> shown = new ArrayList<>();
        PipOutput output = new PipOutput(shown::add);
        OFFLINE.forEach(output);
        assertEquals(List.of(), shown);
        assertEquals("Name or service not known", output.unreachableReason());
    }

    @Test
    void aPackageThatDoesNotExistOnAReachableIndexIsShownAsPipSaysIt() {
        List<String> shown = new ArrayList<>();
        PipOutput output = new PipOutput(shown::add);
        List<String> missing = List.of("Collecting jupyterlab-nonesuch",
                "ERROR: Could not find a version that satisfies the requirement jupyterlab-nonesuch (from versions: none)",
                "ERROR: No matching distribution found for jupyterlab-nonesuch");
        missing.forEach(output);
        assertEquals(missing, shown);
        assertNull(output.unreachableReason());
    }
}
