package app.tether;

import app.tether.cli.Cli;
import app.tether.core.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/** Entry point: no arguments opens the window; any argument runs the CLI, which never touches the display. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (app.tether.cli.VersionLine.answer(args)) {
            return; // the commonest quick question: answered before anything else is loaded
        }
        Environment environment = Environment.fromSystem();
        if (args.length == 0) {
            prepareLogging(environment);
            if (!hasDisplay(environment)) {
                System.exit(Cli.noDisplay());
            }
            try {
                app.tether.ui.DesktopApp.launch(environment);
            } catch (RuntimeException e) {
                // GTK could still fail to open the display named in DISPLAY: one line, no stack trace.
                if (String.valueOf(e.getMessage()).contains("DISPLAY")) {
                    System.exit(Cli.noDisplay());
                }
                throw e;
            }
            return;
        }
        // A running per-user instance runs the command when there is one (JDK classes only until then).
        System.exit(app.tether.cli.InstanceClient.run(args, new InProcess(args, environment)));
    }

    /**
     * The command run in this process, logging prepared first (a command the instance runs logs nothing here).
     * A named class, not a lambda: the first lambda costs the client tens of milliseconds of bootstrap.
     */
    private record InProcess(String[] args, Environment environment) implements IntSupplier {
        @Override
        public int getAsInt() {
            prepareLogging(environment);
            return Cli.run(args);
        }
    }

    /**
     * Whether a window can be shown: on Linux and the BSDs only with an X11 or Wayland display (otherwise
     * JavaFX dies with a stack trace); macOS and Windows always have one.
     */
    static boolean hasDisplay(Environment environment) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("windows")) {
            return true;
        }
        return !isBlank(environment.variable("DISPLAY")) || !isBlank(environment.variable("WAYLAND_DISPLAY"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Points logback at {@code <home>/logs} before the first logger exists (tmp when that cannot be made). */
    private static void prepareLogging(Environment environment) {
        if (System.getProperty("tether.logDir") != null) {
            return;
        }
        Path dir = environment.logsDir();
        try {
            Files.createDirectories(dir);
            restrictToOwner(dir);
        } catch (IOException e) {
            try {
                // Never a fixed name in the shared temp folder: another user could plant a link there.
                dir = Files.createTempDirectory("tether-logs");
            } catch (IOException again) {
                dir = Path.of(System.getProperty("java.io.tmpdir"));
            }
        }
        System.setProperty("tether.logDir", dir.toString());
    }

    /** Logs name hosts and hold remote output: only the user may read them (POSIX systems). */
    private static void restrictToOwner(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }
}
