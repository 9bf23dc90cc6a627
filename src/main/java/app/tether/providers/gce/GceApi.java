package app.tether.providers.gce;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.compute.Compute;
import com.google.api.services.compute.model.Image;
import com.google.api.services.compute.model.Instance;
import com.google.api.services.compute.model.InstanceAggregatedList;
import com.google.api.services.compute.model.InstancesScopedList;
import com.google.api.services.compute.model.Metadata;
import com.google.api.services.compute.model.Operation;
import com.google.api.services.compute.model.OperationList;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Compute Engine v1 calls Tether makes (cnb-and-gce-apis.md §4), through Google's apiary client: every
 * request with connect/read timeouts, a fresh access token from the ADC, Google's error message turned into
 * one clear line, a {@code requestId} on every change so a retry after a lost answer is harmless, and
 * operations followed until DONE. The endpoint follows gcloud's {@code CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE}.
 */
public final class GceApi {
    private static final Logger LOG = LoggerFactory.getLogger(GceApi.class);
    static final String ENDPOINT_VARIABLE = "CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE";
    static final String DEFAULT_ENDPOINT = "https://compute.googleapis.com/compute/v1/";
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 30_000;
    private static final int ATTEMPTS = 3;
    private static final Duration OPERATION_DEADLINE = Duration.ofMinutes(15);

    private final Environment environment;
    private final String endpoint;
    private final Duration operationPoll;
    private volatile GceCredentials credentials;
    private volatile Compute compute;

    /** Reads running operations every 2 s ({@code TETHER_GCE_OPERATION_POLL_MS} overrides it). */
    public GceApi(Environment environment) {
        this(environment, millis(environment, "TETHER_GCE_OPERATION_POLL_MS", Duration.ofSeconds(2)));
    }

    /** A duration in milliseconds from {@code variable}, else {@code fallback}; a bad value is a usage error. */
    static Duration millis(Environment environment, String variable, Duration fallback) {
        String value = environment.variable(variable);
        if (value == null) {
            return fallback;
        }
        try {
            long ms = Long.parseLong(value.strip());
            if (ms <= 0) {
                throw new NumberFormatException(value);
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new TetherException(ErrorCode.USAGE, "gce.error.badSetting", variable, value);
        }
    }

    /** {@code operationPoll}: how often a running operation is read again (tests: a few milliseconds). */
    public GceApi(Environment environment, Duration operationPoll) {
        this.environment = environment;
        String override = environment.variable(ENDPOINT_VARIABLE);
        this.endpoint = override == null ? DEFAULT_ENDPOINT : override.endsWith("/") ? override : override + "/";
        this.operationPoll = operationPoll;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The ADC of this environment (read once). */
    public GceCredentials credentials() {
        GceCredentials found = credentials;
        if (found == null) {
            synchronized (this) {
                if (credentials == null) {
                    credentials = GceCredentials.find(environment);
                }
                found = credentials;
            }
        }
        return found;
    }

    /** The project a command means when none is given (see {@link GceProject}). */
    public String defaultProject(String explicit) {
        return GceProject.resolve(explicit, environment, () -> credentials().projectHint());
    }

    private Compute compute() {
        Compute client = compute;
        if (client == null) {
            synchronized (this) {
                if (compute == null) {
                    GoogleCredentials google = credentials().credentials();
                    HttpRequestInitializer initializer = request -> {
                        request.setConnectTimeout(CONNECT_TIMEOUT_MS);
                        request.setReadTimeout(READ_TIMEOUT_MS);
                        request.setNumberOfRetries(0); // Tether retries itself, with the same requestId
                        request.setThrowExceptionOnExecuteError(true);
                        request.setInterceptor(r -> {
                            Map<String, List<String>> headers;
                            try {
                                headers = google.getRequestMetadata(r.getUrl().toURI());
                            } catch (IOException | RuntimeException e) {
                                throw new TokenFailure(e);
                            }
                            headers.forEach((name, values) -> r.getHeaders().set(name, values));
                        });
                    };
                    URI base = URI.create(endpoint);
                    String root = base.getScheme() + "://" + base.getRawAuthority() + "/";
                    String path = base.getRawPath() == null ? "" : base.getRawPath().replaceFirst("^/", "");
                    compute = new Compute.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), initializer)
                            .setRootUrl(root).setServicePath(path).setApplicationName("tether").build();
                }
                client = compute;
            }
        }
        return client;
    }

    /** The token endpoint refused or could not be reached; kept apart from API failures. */
    static final class TokenFailure extends IOException {
        TokenFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A call to the API. */
    @FunctionalInterface
    interface Call<R> {
        R run(Compute compute) throws IOException;
    }

    /** Reads: retried on 429, 5xx and lost connections. */
    <R> R read(String what, Call<R> call) throws InterruptedException {
        return execute(what, call);
    }

    private <R> R execute(String what, Call<R> call) throws InterruptedException {
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run(compute());
            } catch (GoogleJsonResponseException e) {
                int status = e.getStatusCode();
                if (status == 401 && !refreshed) {
                    refreshed = true;
                    refreshToken();
                    attempt--;
                    continue;
                }
                if ((status == 429 || status >= 500) && attempt < ATTEMPTS) {
                    LOG.info("{}: HTTP {}, retrying", what, status);
                    backoff(attempt);
                    continue;
                }
                throw failure(what, e);
            } catch (TokenFailure e) {
                throw new TetherException(ErrorCode.AUTH_FAILED, e, "gce.error.token", credentials().file(),
                        firstLine(e.getMessage()));
            } catch (IOException e) {
                if (attempt < ATTEMPTS) {
                    LOG.info("{}: {}, retrying", what, e.toString());
                    backoff(attempt);
                    continue;
                }
                throw new TetherException(ErrorCode.CANNOT_CONNECT, e, "gce.error.unreachable", endpoint,
                        firstLine(String.valueOf(e.getMessage())));
            }
        }
    }

    private void refreshToken() {
        try {
            credentials().credentials().refresh();
        } catch (IOException | RuntimeException e) {
            throw new TetherException(ErrorCode.AUTH_FAILED, e, "gce.error.token", credentials().file(),
                    firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static void backoff(int attempt) throws InterruptedException {
        Thread.sleep(500L * attempt);
    }

    /** Google's error as one line: the status decides the exit code, the message is Google's own. */
    static TetherException failure(String what, GoogleJsonResponseException e) {
        GoogleJsonError details = e.getDetails();
        String message = details != null && details.getMessage() != null ? details.getMessage()
                : e.getStatusMessage() == null ? "-" : e.getStatusMessage();
        message = firstLine(message);
        return switch (e.getStatusCode()) {
            case 401 -> new TetherException(ErrorCode.AUTH_FAILED, e, "gce.error.401", what, message);
            case 403 -> new TetherException(ErrorCode.AUTH_FAILED, e, "gce.error.403", what, message);
            case 404 -> new TetherException(ErrorCode.NOT_FOUND, e, "gce.error.404", what, message);
            case 412 -> new TetherException(ErrorCode.FAILURE, e, "gce.error.412", what, message);
            case 429 -> new TetherException(ErrorCode.FAILURE, e, "gce.error.429", what, message);
            default -> e.getStatusCode() >= 500
                    ? new TetherException(ErrorCode.CANNOT_CONNECT, e, "gce.error.5xx", what, e.getStatusCode(), message)
                    : new TetherException(ErrorCode.FAILURE, e, "gce.error.other", what, e.getStatusCode(), message);
        };
    }

    static String firstLine(String text) {
        if (text == null) {
            return "-";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    // ---- reads

    public Instance instance(String project, String zone, String name) throws InterruptedException {
        return read(describe(project, zone, name), c -> c.instances().get(project, zone, name).execute());
    }

    /** Every instance of the project in every zone (one aggregated list, followed over its pages). */
    public List<Instance> allInstances(String project) throws InterruptedException {
        List<Instance> all = new ArrayList<>();
        String page = null;
        do {
            String token = page;
            InstanceAggregatedList list = read(project, c -> c.instances().aggregatedList(project)
                    .setPageToken(token).setReturnPartialSuccess(true).execute());
            if (list.getItems() != null) {
                for (InstancesScopedList scoped : list.getItems().values()) {
                    if (scoped.getInstances() != null) {
                        all.addAll(scoped.getInstances());
                    }
                }
            }
            page = list.getNextPageToken();
        } while (page != null && !page.isEmpty());
        return all;
    }

    /** The newest {@code compute.instances.preempted} operation on the instance, or null. */
    public Operation lastPreemption(String project, String zone, String selfLink) throws InterruptedException {
        String filter = "operationType=\"compute.instances.preempted\" AND targetLink=\"" + selfLink + "\"";
        OperationList list = read(project + "/" + zone, c -> c.zoneOperations().list(project, zone)
                .setFilter(filter).execute());
        Operation newest = null;
        if (list.getItems() != null) {
            for (Operation operation : list.getItems()) {
                if (newest == null || GceProvider.before(newest.getInsertTime(), operation.getInsertTime())) {
                    newest = operation;
                }
            }
        }
        return newest;
    }

    /** The image a family points at; NOT_FOUND as "retired family" when Google has none. */
    public Image imageFromFamily(String imageProject, String family) throws InterruptedException {
        try {
            return read(imageProject + "/" + family, c -> c.images().getFromFamily(imageProject, family).execute());
        } catch (TetherException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new TetherException(ErrorCode.NOT_FOUND, e, "gce.error.familyRetired", family, imageProject);
            }
            throw e;
        }
    }

    // ---- changes (each with a requestId, followed until DONE)

    public Operation start(String project, String zone, String name, Progress progress) throws InterruptedException {
        String id = requestId();
        return follow(project, zone, "start " + name, c -> c.instances().start(project, zone, name).setRequestId(id)
                .execute(), progress);
    }

    public Operation resume(String project, String zone, String name, Progress progress) throws InterruptedException {
        String id = requestId();
        return follow(project, zone, "resume " + name, c -> c.instances().resume(project, zone, name).setRequestId(id)
                .execute(), progress);
    }

    public Operation stop(String project, String zone, String name, Progress progress) throws InterruptedException {
        String id = requestId();
        return follow(project, zone, "stop " + name, c -> c.instances().stop(project, zone, name).setRequestId(id)
                .execute(), progress);
    }

    public Operation suspend(String project, String zone, String name, Progress progress) throws InterruptedException {
        String id = requestId();
        return follow(project, zone, "suspend " + name, c -> c.instances().suspend(project, zone, name)
                .setRequestId(id).execute(), progress);
    }

    public Operation delete(String project, String zone, String name, Progress progress) throws InterruptedException {
        String id = requestId();
        return follow(project, zone, "delete " + name, c -> c.instances().delete(project, zone, name)
                .setRequestId(id).execute(), progress);
    }

    public Operation insert(String project, String zone, Instance body, Progress progress) throws InterruptedException {
        String id = requestId();
        return follow(project, zone, "insert " + body.getName(), c -> c.instances().insert(project, zone, body)
                .setRequestId(id).execute(), progress);
    }

    /** Sets the metadata; a 412 (someone changed it since {@code metadata}'s fingerprint) is a FAILURE with gce.error.412. */
    public Operation setMetadata(String project, String zone, String name, Metadata metadata, Progress progress)
            throws InterruptedException {
        String id = requestId();
        return follow(project, zone, "setMetadata " + name, c -> c.instances().setMetadata(project, zone, name, metadata)
                .setRequestId(id).execute(), progress);
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** Sends the change (retried with the same requestId) and reads its operation until DONE. */
    private Operation follow(String project, String zone, String what, Call<Operation> call, Progress progress)
            throws InterruptedException {
        Operation operation = execute(what, call);
        long deadline = System.nanoTime() + OPERATION_DEADLINE.toNanos();
        String last = null;
        while (!"DONE".equals(operation.getStatus())) {
            String now = operation.getStatus() + " " + Objects.requireNonNullElse(operation.getProgress(), 0);
            if (!now.equals(last)) {
                progress.line(Messages.get("gce.operation.progress", what, operation.getStatus(),
                        Objects.requireNonNullElse(operation.getProgress(), 0)));
                last = now;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TetherException(ErrorCode.FAILURE, "gce.error.operationTimeout", what, operation.getName(),
                        OPERATION_DEADLINE.toMinutes());
            }
            Thread.sleep(operationPoll.toMillis());
            String operationName = operation.getName();
            operation = execute(what, c -> c.zoneOperations().get(project, zone, operationName).execute());
        }
        if (operation.getError() != null && operation.getError().getErrors() != null
                && !operation.getError().getErrors().isEmpty()) {
            var error = operation.getError().getErrors().get(0);
            throw new GceOperationFailure(what, error.getCode(), firstLine(error.getMessage()));
        }
        progress.line(Messages.get("gce.operation.done", what));
        return operation;
    }

    private static String describe(String project, String zone, String name) {
        return project + "/" + zone + "/" + name;
    }
}
