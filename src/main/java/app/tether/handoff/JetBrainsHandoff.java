package app.tether.handoff;

import app.tether.inventory.SshServer;
import app.tether.ssh.SshConfigFile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What JetBrains IDEs need: the Jupyter URL for PyCharm's "Configured server" (the window copies it to
 * the clipboard), and a JetBrains Gateway link that opens an SSH connection to the target.
 */
public final class JetBrainsHandoff {
    private JetBrainsHandoff() {
    }

    /** The text to paste into PyCharm's "Configured server" field: the tokenised URL of the server root. */
    public static String configuredServerText(NotebookUrl url) {
        return url.token() == null ? url.root()
                : url.root() + "?token=" + URLEncoder.encode(url.token(), StandardCharsets.UTF_8);
    }

    /** {@code jetbrains-gateway://connect#type=ssh&deploy=false&host=..&port=..&user=..[&projectPath=..]}. */
    public static URI gatewayLink(SshServer target, SshConfigFile config, String projectPath) {
        String host = target.host();
        Integer port = target.port();
        String user = target.user();
        if (target.usesAlias()) {
            Map<String, String> options = config.resolve(target.sshAlias());
            host = options.getOrDefault("hostname", target.sshAlias());
            port = options.containsKey("port") ? Integer.valueOf(options.get("port").strip()) : null;
            user = options.get("user");
        }
        StringBuilder link = new StringBuilder("jetbrains-gateway://connect#type=ssh&deploy=false");
        link.append("&host=").append(encode(host));
        link.append("&port=").append(port == null ? 22 : port);
        if (user != null) {
            link.append("&user=").append(encode(user));
        }
        String path = projectPath != null ? projectPath : target.jupyter().notebookDir();
        if (path != null) {
            link.append("&projectPath=").append(encode(path));
        }
        return URI.create(link.toString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
