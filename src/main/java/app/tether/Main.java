package app.tether;

import app.tether.cli.Cli;
import app.tether.core.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Entry point: no arguments opens the window; any argument runs the CLI, which never touches the display. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Environment environment = Environment.fromSystem();
        prepareLogging(environment);
        if (args.length == 0) {
            app.tether.ui.DesktopApp.launch(environment);
            return;
        }
        System.exit(Cli.run(args));
    }

    /** Points logback at {@code <home>/logs} before the first logger exists (tmp when that cannot be made). */
    private static void prepareLogging(Environment environment) {
        if (System.getProperty("tether.logDir") != null) {
            return;
        }
        Path dir = environment.logsDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            dir = Path.of(System.getProperty("java.io.tmpdir"));
        }
        System.setProperty("tether.logDir", dir.toString());
    }
}
