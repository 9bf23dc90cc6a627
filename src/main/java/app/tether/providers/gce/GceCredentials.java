package app.tether.providers.gce;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Application Default Credentials found the way Google's own tools find them: {@code GOOGLE_APPLICATION_CREDENTIALS},
 * then {@code application_default_credentials.json} in {@code $CLOUDSDK_CONFIG} or {@code ~/.config/gcloud/} (the
 * file {@code gcloud auth application-default login} writes). Authorized-user and service-account files; the
 * token endpoint is the file's {@code token_uri}. Environment variables come from {@link Environment} so tests
 * can give their own.
 */
public record GceCredentials(GoogleCredentials credentials, Path file, String type, String projectHint) {
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    static final String WELL_KNOWN_FILE = "application_default_credentials.json";

    /** The credentials of this environment; AUTH_FAILED naming the gcloud command when there are none. */
    public static GceCredentials find(Environment environment) {
        Path file = locate(environment);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TetherException(ErrorCode.AUTH_FAILED, e, "gce.error.credentials.unreadable", file,
                    String.valueOf(e.getMessage()));
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new TetherException(ErrorCode.AUTH_FAILED, "gce.error.credentials.notJson", file);
        }
        String type = json.path("type").asText("");
        if (!type.equals("authorized_user") && !type.equals("service_account")) {
            throw new TetherException(ErrorCode.AUTH_FAILED, "gce.error.credentials.type", file,
                    type.isEmpty() ? "-" : type);
        }
        GoogleCredentials credentials;
        try {
            // The transport only serves token refreshes; its requests time out after 20 s (google-http-client default).
            credentials = GoogleCredentials.fromStream(new ByteArrayInputStream(bytes), NetHttpTransport::new);
        } catch (IOException | RuntimeException e) {
            throw new TetherException(ErrorCode.AUTH_FAILED, e, "gce.error.credentials.invalid", file,
                    String.valueOf(e.getMessage()));
        }
        if (credentials.createScopedRequired()) {
            credentials = credentials.createScoped(List.of(SCOPE));
        }
        String quota = json.path("quota_project_id").asText("");
        String project = json.path("project_id").asText("");
        return new GceCredentials(credentials, file, type, !quota.isEmpty() ? quota : project.isEmpty() ? null : project);
    }

    /** Where the credentials file is; AUTH_FAILED when there is none. */
    static Path locate(Environment environment) {
        String explicit = environment.variable("GOOGLE_APPLICATION_CREDENTIALS");
        if (explicit != null) {
            Path path = Path.of(explicit);
            if (!Files.isRegularFile(path)) {
                throw new TetherException(ErrorCode.AUTH_FAILED, "gce.error.credentials.missingFile", path);
            }
            return path;
        }
        Path wellKnown = GcloudConfig.directory(environment).resolve(WELL_KNOWN_FILE);
        if (Files.isRegularFile(wellKnown)) {
            return wellKnown;
        }
        throw new TetherException(ErrorCode.AUTH_FAILED, "gce.error.credentials.none", wellKnown);
    }

    /** Never shows the secret parts. */
    @Override
    public String toString() {
        return "GceCredentials[" + type + " from " + file + "]";
    }
}
