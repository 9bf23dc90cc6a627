package app.tether.providers.cnb;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host, user and port in the detail's {@code ssh} login command. CNB's exact format is not published
 * (reference §8), so this reads the usual shapes and gives up (empty) on anything else: {@code ssh [-p N] [-o
 * K=V] user@host [-p N]}, {@code ssh://user@host:port}, or a bare {@code user@host}.
 */
public record CnbSshLogin(String user, String host, int port) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._+-][A-Za-z0-9._+@-]*");

    public static Optional<CnbSshLogin> parse(String command) {
        if (command == null || command.isBlank()) {
            return Optional.empty();
        }
        List<String> words = List.of(command.strip().split("\\s+"));
        if (words.size() == 1 && words.get(0).startsWith("ssh://")) {
            return fromUri(words.get(0));
        }
        int start = words.get(0).equals("ssh") ? 1 : 0;
        Integer port = null;
        String destination = null;
        for (int i = start; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-p") && i + 1 < words.size()) {
                port = portOf(words.get(++i));
            } else if (word.startsWith("-p") && word.length() > 2) {
                port = portOf(word.substring(2));
            } else if (word.equals("-o") && i + 1 < words.size()) {
                String option = words.get(++i);
                if (option.regionMatches(true, 0, "Port=", 0, 5)) {
                    port = portOf(option.substring(5));
                }
            } else if (word.startsWith("-")) {
                continue; // flags without values (-t, -A, …)
            } else if (destination == null) {
                destination = word;
            } else {
                return Optional.empty(); // a remote command: not a plain login
            }
        }
        if (destination == null || (port != null && port < 0)) {
            return Optional.empty();
        }
        if (destination.startsWith("ssh://")) {
            return fromUri(destination);
        }
        int at = destination.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        return of(destination.substring(0, at), destination.substring(at + 1), port == null ? 22 : port);
    }

    private static Optional<CnbSshLogin> fromUri(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getUserInfo() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return of(uri.getUserInfo(), uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<CnbSshLogin> of(String user, String host, int port) {
        if (!USER.matcher(user).matches() || !HOST.matcher(host).matches() || port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new CnbSshLogin(user, host.replace("[", "").replace("]", ""), port));
    }

    private static int portOf(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
