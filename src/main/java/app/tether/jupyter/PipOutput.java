package app.tether.jupyter;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passes an installer's output on, except pip's retry warnings about a package index it cannot reach: those
 * (one per retry, with urllib3's object dumps) and the "no matching distribution" errors that follow them only
 * mean "the index is unreachable", which {@link #unreachableReason()} reports once, in the user's words.
 */
final class PipOutput implements Consumer<String> {
    private static final Pattern RETRY = Pattern.compile("^WARNING: Retrying \\(Retry\\(.*");
    private static final List<String> CONNECTION_FAILURES = List.of("Name or service not known",
            "Temporary failure in name resolution", "Network is unreachable", "Connection refused",
            "Failed to establish a new connection", "ConnectTimeoutError", "Read timed out", "ProxyError",
            "No route to host");
    private static final Pattern ERRNO = Pattern.compile("\\[Errno -?\\d+\\] ([^'\\\")]+)");
    private static final List<String> FOLLOW_UPS = List.of("ERROR: Could not find a version that satisfies",
            "ERROR: No matching distribution found for");

    private final Consumer<String> out;
    private String unreachable;

    PipOutput(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public void accept(String line) {
        if (RETRY.matcher(line).matches() || line.contains("connection broken by")) {
            CONNECTION_FAILURES.stream().filter(line::contains).findFirst().ifPresent(failure -> {
                Matcher errno = ERRNO.matcher(line);
                unreachable = errno.find() ? errno.group(1).strip() : failure;
            });
            return;
        }
        if (unreachable != null && FOLLOW_UPS.stream().anyMatch(line::startsWith)) {
            return;
        }
        out.accept(line);
    }

    /** Why the index could not be reached ("Name or service not known"), or null when it was not seen. */
    String unreachableReason() {
        return unreachable;
    }
}
