package app.tether.providers;

import app.tether.core.Environment;
import app.tether.providers.hf.HfProvider;
import app.tether.providers.ssh.SshProvider;
import app.tether.ssh.SshSessions;
import java.util.function.Supplier;

/**
 * Builds the registry with the provider of every kind, each reading its credentials and API endpoint from
 * {@code environment} (so tests point them at stand-in servers). The one place a new kind is registered.
 */
public final class StandardProviders {
    private StandardProviders() {
    }

    /**
     * @param sshSessions the SSH sessions the ssh provider probes through, asked on first use (the CLI's own,
     *                    or the window's quiet ones that never prompt)
     */
    public static Providers create(Environment environment, Supplier<SshSessions> sshSessions) {
        Providers providers = new Providers();
        // Each kind registers itself here, one line per provider.
        providers.register(new SshProvider(sshSessions));
        providers.register(new HfProvider(environment));
        providers.register(new app.tether.providers.gce.GceProvider(environment));
        providers.register(new app.tether.providers.cnb.CnbProvider(environment, sshSessions));
        return providers;
    }
}
