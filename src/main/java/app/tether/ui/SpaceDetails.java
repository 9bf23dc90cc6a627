package app.tether.ui;

import app.tether.providers.LiveState;
import java.net.URI;

/**
 * What the Space buttons need beyond the lifecycle: the runtime's requested hardware, sleep time in seconds
 * (null = never sleeps), dev mode, and the VS Code link for dev mode (null when it is off).
 */
public record SpaceDetails(LiveState live, String requestedHardware, Integer sleepSeconds, boolean devMode,
        URI vsCode) {
}
