package app.tether.providers;

import app.tether.core.Environment;

/**
 * Builds the registry with the provider of every kind, each reading its credentials and API endpoint from
 * {@code environment} (so tests point them at stand-in servers). The one place a new kind is registered.
 */
public final class StandardProviders {
    private StandardProviders() {
    }

    public static Providers create(Environment environment) {
        Providers providers = new Providers();
        // Each kind registers itself here, one line per provider.
        providers.register(new app.tether.providers.cnb.CnbProvider(environment));
        return providers;
    }
}
