package app.tether.providers.cnb;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** A repository slug ({@code group/sub/repo}) as CNB puts it in a path: slashes kept, each segment encoded. */
public final class CnbRepoPath {
    private static final Pattern SLUG = Pattern.compile("[^/\\s]+(/[^/\\s]+)+");

    private CnbRepoPath() {
    }

    /** Checks a slug typed by the user: at least group/repo, no empty segment, no blanks. */
    public static String validate(String slug) {
        String value = slug == null ? "" : slug.strip();
        if (!SLUG.matcher(value).matches() || value.contains("/../") || value.startsWith("../")) {
            throw new TetherException(ErrorCode.INVALID, "cnb.error.slug", slug == null ? "" : slug);
        }
        return value;
    }

    /** {@code group/sub/repo} with each segment percent-encoded (a space is %20, never +). */
    public static String encode(String slug) {
        return segments(validate(slug));
    }

    /** A group path ({@code group} or {@code group/sub}), encoded the same way. */
    public static String encodeGroup(String group) {
        String value = group == null ? "" : group.strip();
        if (value.isEmpty() || value.startsWith("/") || value.endsWith("/") || value.contains("//")) {
            throw new TetherException(ErrorCode.INVALID, "cnb.error.slug", value);
        }
        return segments(value);
    }

    private static String segments(String slug) {
        StringBuilder path = new StringBuilder();
        for (String segment : slug.split("/")) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }
}
