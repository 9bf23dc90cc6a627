package app.tether.handoff;

import java.net.URI;

/** Opens an address in the user's default browser (the window passes HostServices; the CLI uses {@link SystemBrowser}). */
@FunctionalInterface
public interface Browser {
    void open(URI address);
}
