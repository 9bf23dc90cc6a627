package app.tether.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PortForwardTest {
    @Test
    void parsesTheFormsSshLAccepts() {
        assertEquals(new PortForward(null, 8080, "127.0.0.1", 80), PortForward.parse("8080:80"));
        assertEquals(new PortForward(null, 0, "tensorboard", 6006), PortForward.parse("0:tensorboard:6006"));
        assertEquals(new PortForward(null, 9000, "::1", 9000), PortForward.parse("9000:[::1]:9000"));
        assertEquals("9000:[::1]:9000", PortForward.parse("9000:[::1]:9000").spec());
    }

    @Test
    void refusesMalformedSpecsInsteadOfGuessing() {
        for (String bad : new String[] {"0:h:80:9", "8080::80", "80", "a:b:c", "1:h h:2", "1:h\n:2", "70000:h:1",
                "1:h:0", ":80", "1:[h:2"}) {
            assertThrows(IllegalArgumentException.class, () -> PortForward.parse(bad), bad);
        }
    }
}
