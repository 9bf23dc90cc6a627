package app.tether.jupyter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Masks tokens in text shown or logged: known secret values and anything written as {@code token=...}. */
final class SecretFilter {
    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)(token[=:]\\s*\"?)[^&\\s\"',]{4,}");
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
        return TOKEN_PARAM.matcher(out).replaceAll("$1" + MASK);
    }
}
