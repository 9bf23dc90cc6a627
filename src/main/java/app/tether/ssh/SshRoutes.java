package app.tether.ssh;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves a target into the hops to connect through, the way OpenSSH does: the target's own fields, else
 * {@code ~/.ssh/config} (HostName, User, Port, IdentityFile, IdentitiesOnly, ProxyJump, ServerAliveInterval,
 * HashKnownHosts, HostKeyAlias), else OpenSSH's defaults. Jump hosts are resolved the same way, chains included.
 */
final class SshRoutes {
    private static final int MAX_HOPS = 8;
    static final List<String> DEFAULT_IDENTITIES = List.of("id_rsa", "id_ecdsa", "id_ed25519");
    static final Duration DEFAULT_ALIVE_INTERVAL = Duration.ofSeconds(30);

    private final SshConfigFile config;
    private final Path userHome;
    private final String localUser;

    SshRoutes(SshConfigFile config, Path userHome, String localUser) {
        this.config = config;
        this.userHome = userHome;
        this.localUser = localUser;
    }

    /** The hops for {@code target}: jump hosts first, the target itself last. */
    List<SshEndpoint> hops(SshServer target) {
        List<SshEndpoint> hops = new ArrayList<>();
        if (target.usesAlias()) {
            add(hops, target.sshAlias(), null, null, null, null, null, target.hostKeyAlias(), 0);
        } else {
            if (target.host() == null || target.host().isBlank()) {
                throw new TetherException(ErrorCode.INVALID, "error.ssh.noHost", target.name());
            }
            add(hops, target.host(), target.user(), target.port(), target.identityFile(), target.jumpHost(),
                    target.jumpHost() != null, target.hostKeyAlias(), 0);
        }
        return hops;
    }

    private void add(List<SshEndpoint> hops, String host, String user, Integer port, String identity, String jump,
            Boolean jumpGiven, String ownHostKeyAlias, int depth) {
        if (hops.size() >= MAX_HOPS || depth > MAX_HOPS) {
            throw new TetherException(ErrorCode.INVALID, "error.ssh.jumpLoop", host);
        }
        Map<String, String> options = config.resolve(host);
        String proxyJump = Boolean.TRUE.equals(jumpGiven) ? jump : options.get("proxyjump");
        if (proxyJump != null && !proxyJump.isBlank() && !proxyJump.equalsIgnoreCase("none")) {
            for (String spec : proxyJump.split(",")) {
                addJump(hops, spec.strip(), depth + 1);
            }
        }
        String hostName = options.containsKey("hostname") ? expandHostName(options.get("hostname"), host) : host;
        int effectivePort = port != null ? port : parsePort(options.get("port"), host);
        String effectiveUser = user != null && !user.isBlank() ? user
                : options.getOrDefault("user", localUser);
        List<Path> identities = new ArrayList<>();
        if (identity != null && !identity.isBlank()) {
            identities.add(expandPath(identity));
        }
        if (options.containsKey("identityfile")) {
            for (String file : options.get("identityfile").split("\n")) {
                if (!file.equalsIgnoreCase("none")) {
                    identities.add(expandPath(file));
                }
            }
        }
        if (identities.isEmpty() && !"none".equalsIgnoreCase(options.get("identityfile"))) {
            for (String name : DEFAULT_IDENTITIES) {
                Path file = userHome.resolve(".ssh").resolve(name);
                if (Files.exists(file)) {
                    identities.add(file);
                }
            }
        }
        boolean identitiesOnly = "yes".equalsIgnoreCase(options.get("identitiesonly"));
        Duration alive = DEFAULT_ALIVE_INTERVAL;
        if (options.containsKey("serveraliveinterval")) {
            try {
                long seconds = Long.parseLong(options.get("serveraliveinterval").strip());
                alive = seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ZERO;
            } catch (NumberFormatException e) {
                // OpenSSH refuses such a config; Tether keeps its default keepalive
            }
        }
        boolean hashed = "yes".equalsIgnoreCase(options.get("hashknownhosts"));
        String hostKeyAlias = ownHostKeyAlias != null ? ownHostKeyAlias : options.get("hostkeyalias");
        hops.add(new SshEndpoint(host, hostName, effectivePort, effectiveUser, List.copyOf(identities),
                identitiesOnly, alive, hashed, hostKeyAlias == null || hostKeyAlias.isBlank() ? null : hostKeyAlias));
    }

    /** A ProxyJump element: {@code [user@]host[:port]}, where host may be an alias of its own. */
    private void addJump(List<SshEndpoint> hops, String spec, int depth) {
        if (spec.isEmpty() || spec.contains(" ")) {
            throw new TetherException(ErrorCode.INVALID, "error.ssh.jumpInvalid", spec);
        }
        String rest = spec.startsWith("ssh://") ? spec.substring(6) : spec;
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        String host = rest;
        Integer port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new TetherException(ErrorCode.INVALID, "error.ssh.jumpInvalid", spec);
            }
            host = rest.substring(1, close);
            if (rest.length() > close + 1) {
                if (rest.charAt(close + 1) != ':') {
                    throw new TetherException(ErrorCode.INVALID, "error.ssh.jumpInvalid", spec);
                }
                port = parsePort(rest.substring(close + 2), spec);
            }
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = parsePort(rest.substring(rest.indexOf(':') + 1), spec);
        }
        if (host.isEmpty()) {
            throw new TetherException(ErrorCode.INVALID, "error.ssh.jumpInvalid", spec);
        }
        add(hops, host, user, port, null, null, null, null, depth);
    }

    private static int parsePort(String value, String where) {
        if (value == null) {
            return 22;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new TetherException(ErrorCode.INVALID, "error.ssh.badPort", value, where);
        }
    }

    private static String expandHostName(String hostName, String original) {
        return hostName.replace("%h", original).replace("%%", "%");
    }

    private Path expandPath(String file) {
        String value = file.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        value = value.replace("%d", userHome.toString()).replace("%u", localUser);
        if (value.equals("~")) {
            return userHome;
        }
        if (value.startsWith("~/")) {
            return userHome.resolve(value.substring(2));
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path : userHome.resolve(".ssh").resolve(path).normalize();
    }
}
