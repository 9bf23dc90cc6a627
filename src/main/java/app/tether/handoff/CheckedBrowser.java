package app.tether.handoff;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Opens an address with the OS opener and finds out whether that worked: {@code xdg-open} without any browser
 * exits non-zero at once, which JavaFX's HostServices swallows (the window then said "open" while nothing
 * was). An opener still running after a short wait is taken as working (some hand over to a browser that
 * keeps them alive). Blocks up to that wait: call it off the FX thread.
 */
public final class CheckedBrowser implements Browser {
    /** How long a failing opener is given to say so. */
    public static final Duration WAIT = Duration.ofSeconds(3);

    private final Function<URI, List<String>> command;
    private final Duration wait;

    public CheckedBrowser() {
        this(new SystemBrowser()::command, WAIT);
    }

    CheckedBrowser(Function<URI, List<String>> command, Duration wait) {
        this.command = command;
        this.wait = wait;
    }

    @Override
    public void open(URI address) {
        List<String> argv = command.apply(address);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")))
                    .start();
        } catch (IOException e) {
            // The message names the program, never the address (it may carry a token).
            throw new TetherException(ErrorCode.FAILURE, e, "handoff.error.browser", argv.get(0), e.getMessage());
        }
        try {
            if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
                throw new TetherException(ErrorCode.FAILURE, "handoff.error.browser.exit", argv.get(0),
                        process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
