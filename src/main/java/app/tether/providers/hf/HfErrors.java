package app.tether.providers.hf;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.providers.RateLimitedException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a Hub error answer into one clear line, the way huggingface_hub's hf_raise_for_status reads it (§1.4). */
final class HfErrors {
    private static final Pattern RATELIMIT_T = Pattern.compile("t=(\\d+)");
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(60);

    private HfErrors() {
    }

    /**
     * @param need what the request needed: "read", "write" (Space actions) or "whoami" (checking a token), so a
     *             refusal says which kind of token would do
     */
    static TetherException failure(int status, HttpHeaders headers, String body, String need) {
        String message = message(headers, body);
        String shown = message.isEmpty() ? "HTTP " + status : message.replaceAll("\\.+$", "");
        if (status == 401) {
            String key = need.equals("whoami") ? "hf.error.tokenInvalid"
                    : need.equals("write") ? "hf.error.needWriteToken" : "hf.error.unauthorized";
            return new TetherException(ErrorCode.AUTH_FAILED, key, shown);
        }
        if (status == 403) {
            return new TetherException(ErrorCode.AUTH_FAILED,
                    need.equals("write") ? "hf.error.forbiddenWrite" : "hf.error.forbidden", shown);
        }
        if (status == 404) {
            return new TetherException(ErrorCode.NOT_FOUND, "hf.error.notFound", shown);
        }
        if (status == 400 || status == 422) {
            return new TetherException(ErrorCode.INVALID, "hf.error.badRequest", shown);
        }
        if (status == 409) {
            return new TetherException(ErrorCode.DUPLICATE, "hf.error.conflict", shown);
        }
        if (status == 429) {
            Duration after = retryAfter(headers);
            return new RateLimitedException(after, "hf.error.rateLimited", String.valueOf(after.toSeconds()), shown);
        }
        if (status >= 500) {
            return new TetherException(ErrorCode.CANNOT_CONNECT, "hf.error.server", String.valueOf(status), shown);
        }
        return new TetherException(ErrorCode.REMOTE_FAILED, "hf.error.other", String.valueOf(status), shown);
    }

    /** X-Error-Message, then the body's error / error_description / errors[].message, or its raw text. */
    static String message(HttpHeaders headers, String body) {
        List<String> parts = new ArrayList<>();
        headers.firstValue("x-error-message").ifPresent(parts::add);
        String text = body == null ? "" : body.strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            try {
                JsonNode json = HfApi.JSON.readTree(text);
                JsonNode error = json.path("error");
                if (error.isTextual()) {
                    add(parts, error.asText());
                } else if (error.isArray()) {
                    error.forEach(e -> add(parts, e.asText()));
                }
                if (json.path("error_description").isTextual()) {
                    add(parts, json.path("error_description").asText());
                }
                json.path("errors").forEach(e -> add(parts, e.path("message").asText("")));
            } catch (IOException e) {
                add(parts, HfApi.abbreviate(text));
            }
        } else if (!text.isEmpty() && !text.toLowerCase().startsWith("<!doctype") && !text.startsWith("<html")) {
            add(parts, HfApi.abbreviate(text));
        }
        return String.join("; ", parts).strip();
    }

    private static void add(List<String> parts, String text) {
        if (text != null && !text.isBlank() && !parts.contains(text.strip())) {
            parts.add(text.strip());
        }
    }

    /** Retry-After in seconds, else the {@code ratelimit: ...;t=55} header, else a minute. */
    static Duration retryAfter(HttpHeaders headers) {
        try {
            var value = headers.firstValue("retry-after");
            if (value.isPresent()) {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(value.get().strip())));
            }
        } catch (NumberFormatException e) {
            // an HTTP date: fall through
        }
        Matcher t = RATELIMIT_T.matcher(headers.firstValue("ratelimit").orElse(""));
        return t.find() ? Duration.ofSeconds(Math.max(1, Long.parseLong(t.group(1)))) : DEFAULT_RETRY;
    }
}
