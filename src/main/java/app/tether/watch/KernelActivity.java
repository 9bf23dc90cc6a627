package app.tether.watch;

import app.tether.core.Messages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The kernel signal: {@code GET api/kernels} of a Jupyter server, busy when any kernel's {@code execution_state} is
 * {@code busy}. Asked with {@code HttpURLConnection} and closed right after ({@link HttpURLConnection#disconnect}),
 * so that no kept-alive connection of Tether's own stays open in its tunnel and counts as the user's.
 */
final class KernelActivity {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KernelActivity() {
    }

    /**
     * @param base    the server's URL with its base path, ending in {@code /}
     * @param headers added to the request (a Space's Authorization bearer); never logged
     * @param token   the notebook's token, or null
     */
    static IdleSignal read(URI base, Map<String, String> headers, String token) {
        JsonNode kernels;
        try {
            kernels = get(base.resolve("api/kernels?no_track_activity=1"), headers, token);
        } catch (Refused e) {
            return IdleSignal.cannotReport(IdleSignal.Source.KERNELS, Messages.get("idle.kernels.refused", e.status));
        } catch (IOException e) {
            return IdleSignal.cannotReport(IdleSignal.Source.KERNELS,
                    Messages.get("idle.kernels.failed", e.getMessage()));
        }
        int total = 0;
        int busy = 0;
        for (JsonNode kernel : kernels) {
            total++;
            if ("busy".equals(kernel.path("execution_state").asText())) {
                busy++;
            }
        }
        return busy > 0 ? IdleSignal.busy(IdleSignal.Source.KERNELS, Messages.get("idle.kernels.busy", busy, total))
                : IdleSignal.idle(IdleSignal.Source.KERNELS, Messages.get("idle.kernels.idle", total));
    }

    private static JsonNode get(URI uri, Map<String, String> headers, String token) throws IOException {
        boolean bearer = headers.containsKey("Authorization");
        // A Space's bearer takes the Authorization header: the notebook token then goes in the query, as the
        // forwarder sends it; errors below never carry the URL.
        URI target = bearer && token != null && !token.isEmpty()
                ? URI.create(uri + "&token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8))
                : uri;
        HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
        try {
            connection.setConnectTimeout((int) TIMEOUT.toMillis());
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            connection.setInstanceFollowRedirects(false);
            headers.forEach(connection::setRequestProperty);
            if (!bearer && token != null && !token.isEmpty()) {
                connection.setRequestProperty("Authorization", "token " + token);
            }
            int status = connection.getResponseCode();
            if (status == 401 || status == 403) {
                throw new Refused(status);
            }
            if (status != 200) {
                throw new IOException("HTTP " + status);
            }
            try (InputStream body = connection.getInputStream()) {
                JsonNode node = JSON.readTree(body);
                if (!node.isArray()) {
                    throw new IOException("not a kernel list");
                }
                return node;
            }
        } catch (IOException e) {
            throw e instanceof Refused || e.getClass() == IOException.class ? e : new IOException(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            connection.disconnect();
        }
    }

    /** The server refused Tether's request: no notebook token, or a wrong one. */
    private static final class Refused extends IOException {
        final int status;

        Refused(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }
}
