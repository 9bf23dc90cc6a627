package app.tether.providers.gce;

import app.tether.core.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stand-in Compute server plus a user world for it: HOME with gcloud's ADC file (token_uri = the stand-in),
 * an empty TETHER_HOME, and the endpoint override; operations are read every 5 ms.
 */
final class GceTestbed implements AutoCloseable {
    static final String PROJECT = "proj-1";
    static final String ZONE = "us-central1-a";

    private final ComputeStandIn compute;
    private final Environment environment;

    private GceTestbed(ComputeStandIn compute, Environment environment) {
        this.compute = compute;
        this.environment = environment;
    }

    static GceTestbed start(Path dir) throws IOException {
        ComputeStandIn compute = new ComputeStandIn();
        Path home = Files.createDirectories(dir.resolve("home"));
        compute.writeAdc(home.resolve(".config/gcloud/application_default_credentials.json"), PROJECT);
        Environment environment = new Environment(Files.createDirectories(dir.resolve("tether")), home)
                .withVariable("CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE", compute.endpoint())
                .withVariable("TETHER_GCE_OPERATION_POLL_MS", "5")
                .withVariable("USER", "tester");
        return new GceTestbed(compute, environment);
    }

    ComputeStandIn compute() {
        return compute;
    }

    Environment environment() {
        return environment;
    }

    @Override
    public void close() {
        compute.close();
    }
}
