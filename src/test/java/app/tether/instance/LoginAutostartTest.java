package app.tether.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Start at login": the XDG autostart entry that runs the background instance. */
class LoginAutostartTest {
    @TempDir
    Path dir;

    @Test
    void theEntryRunsTheInstanceWithEachArgumentQuotedAsTheDesktopEntrySpecSays() throws Exception {
        Environment environment = new Environment(dir.resolve("tether"), dir.resolve("home"))
                .withVariable("XDG_CONFIG_HOME", dir.resolve("config").toString());
        LoginAutostart autostart = LoginAutostart.of(environment);
        assertEquals(dir.resolve("config/autostart/tether-instance.desktop"), autostart.file());
        assertFalse(autostart.enabled());

        autostart.enable(List.of("/opt/My Apps/tether/bin/Tether", "instance", "run", "100%", "a\"b$c"));
        assertTrue(autostart.enabled());
        String entry = Files.readString(autostart.file());
        assertTrue(entry.startsWith("[Desktop Entry]\nType=Application\n"), entry);
        assertTrue(entry.contains("\nExec=\"/opt/My Apps/tether/bin/Tether\" instance run \"100%%\" \"a\\\"b\\$c\"\n"),
                entry);
        assertTrue(entry.contains("\nNoDisplay=true\n"), entry);

        autostart.disable();
        assertFalse(autostart.enabled());
        autostart.disable(); // already off: nothing to do
    }

    @Test
    void withoutXdgConfigHomeTheEntryGoesUnderDotConfig() {
        LoginAutostart autostart = LoginAutostart.of(new Environment(dir.resolve("tether"), dir.resolve("home")));
        assertEquals(dir.resolve("home/.config/autostart/tether-instance.desktop"), autostart.file());
    }
}
