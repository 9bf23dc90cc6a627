package app.tether.jupyter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Masks tokens in text shown or logged: known secret values and anything written as {@code token=...}. */
final class SecretFilter {
    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)(token[=:]\\s*\"?)[^&\\s\"',]{4,}");
    /** user:password@ in a URL (a private package index); host and path stay readable. */
    private static final Pattern URL_USERINFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/@\\s]+@");
    static final String MASK = "********";

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    void add(String secret) {
        if (secret != null && secret.length() >= 4) {
            secrets.add(secret);
        }
    }

    String apply(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return maskUrlCredentials(TOKEN_PARAM.matcher(out).replaceAll("$1" + MASK));
    }

    /** {@code https://user:pass@host/simple} → {@code https://********@host/simple}; null stays null. */
    static String maskUrlCredentials(String text) {
        return text == null ? null : URL_USERINFO.matcher(text).replaceAll("$1" + MASK + "@");
    }

    /** Whether a URL carries credentials (then it must not travel on a command line either). */
    static boolean hasUrlCredentials(String url) {
        return url != null && URL_USERINFO.matcher(url).find();
    }
}
