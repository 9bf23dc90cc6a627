package app.tether.instance;

/** The settings keys of the instance (in {@code settings.properties}, read by the client with the JDK alone). */
public final class InstanceSettings {
    /** "Keep running in the background": the CLI starts an instance when none runs (TETHER_INSTANCE=auto). */
    public static final String KEEP_RUNNING = "instance.keepRunning";

    private InstanceSettings() {
    }
}
