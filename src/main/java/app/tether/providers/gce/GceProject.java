package app.tether.providers.gce;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.util.function.Supplier;

/**
 * Which project a command means when none is named on the target: {@code --project}, then
 * {@code CLOUDSDK_CORE_PROJECT} / {@code GOOGLE_CLOUD_PROJECT}, then gcloud's active configuration, then the
 * credentials' quota project / project id.
 */
public final class GceProject {
    private GceProject() {
    }

    public static String resolve(String explicit, Environment environment, Supplier<String> credentialsProject) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        for (String variable : new String[] {"CLOUDSDK_CORE_PROJECT", "GOOGLE_CLOUD_PROJECT"}) {
            String value = environment.variable(variable);
            if (value != null) {
                return value.strip();
            }
        }
        String configured = GcloudConfig.activeProject(environment);
        if (configured != null) {
            return configured;
        }
        String fromCredentials = credentialsProject.get();
        if (fromCredentials != null && !fromCredentials.isBlank()) {
            return fromCredentials;
        }
        throw new TetherException(ErrorCode.USAGE, "gce.error.noProject");
    }
}
