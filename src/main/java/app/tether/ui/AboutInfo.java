package app.tether.ui;

import app.tether.Version;
import app.tether.core.Environment;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What Help → About shows: the version, the runtime, Tether's own folders and the licence, with a way to open
 * links and folders.
 */
record AboutInfo(String version, String java, String javafx, Path dataFolder, Path logsFolder,
        Consumer<String> opener) {

    /** The licence the project is published under (pom.xml). */
    static final String LICENSE_URL = "https://www.apache.org/licenses/LICENSE-2.0";

    static AboutInfo of(Environment environment, Consumer<String> opener) {
        return new AboutInfo(Version.current(), System.getProperty("java.version", "?"),
                System.getProperty("javafx.runtime.version", "?"), environment.home(), environment.logsDir(), opener);
    }
}
