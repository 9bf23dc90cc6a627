package app.tether.handoff;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Opens addresses with the operating system's own opener ({@code xdg-open}, {@code open},
 * {@code rundll32}), so the CLI needs no AWT. The address is passed as one argument, never through a shell.
 */
public final class SystemBrowser implements Browser {
    private final String osName;

    public SystemBrowser() {
        this(System.getProperty("os.name", ""));
    }

    SystemBrowser(String osName) {
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    /** The command that opens {@code address} on this OS. */
    List<String> command(URI address) {
        String text = address.toString();
        if (osName.startsWith("mac")) {
            return List.of("open", text);
        }
        if (osName.startsWith("windows")) {
            return List.of("rundll32", "url.dll,FileProtocolHandler", text);
        }
        return List.of("xdg-open", text);
    }

    @Override
    public void open(URI address) {
        List<String> command = command(address);
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(osName.startsWith("windows") ? "NUL" : "/dev/null")))
                    .start();
        } catch (IOException e) {
            // The message names the program, never the address (it may carry a token).
            throw new TetherException(ErrorCode.FAILURE, e, "handoff.error.browser", command.get(0), e.getMessage());
        }
    }
}
