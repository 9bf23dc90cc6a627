package app.tether;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The version shown by --version, the About dialog and the packages is the one in pom.xml. */
class VersionTest {

    @Test
    void currentIsThePomVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        // The project's own version: the first <version> after its <artifactId>, before any dependency.
        Matcher m = Pattern.compile("<artifactId>tether</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertEquals(true, m.find(), "pom.xml names the tether version");
        assertEquals(m.group(1), Version.current());
    }
}
