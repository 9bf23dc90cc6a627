package app.tether.handoff;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * How VS Code will reach a target: the ssh-config alias to use, the managed Host block that must be
 * written first (null when the alias already exists), and the remote folder (null = none).
 */
public record VsCodePlan(String alias, ManagedHostBlock blockToWrite, String path) {

    public boolean needsConfigBlock() {
        return blockToWrite != null;
    }

    /** {@code code --remote ssh-remote+ALIAS [PATH]}. */
    public List<String> commandLine(String codeExecutable) {
        List<String> argv = new ArrayList<>(List.of(codeExecutable, "--remote", "ssh-remote+" + alias));
        if (path != null) {
            argv.add(path);
        }
        return argv;
    }

    /** {@code vscode://vscode-remote/ssh-remote+ALIAS/PATH}: what the OS opener hands to VS Code when there is no {@code code}. */
    public URI fallbackUri() {
        String folder = path == null ? "/" : path.startsWith("/") ? path : "/" + path;
        return URI.create("vscode://vscode-remote/ssh-remote+" + alias + encodePath(folder));
    }

    private static String encodePath(String folder) {
        StringBuilder text = new StringBuilder();
        for (String part : folder.split("/", -1)) {
            if (text.length() > 0 || folder.startsWith("/")) {
                text.append('/');
            }
            text.append(java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        String result = text.toString();
        return result.startsWith("//") ? result.substring(1) : result;
    }
}
