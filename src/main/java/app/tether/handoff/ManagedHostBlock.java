package app.tether.handoff;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;

import app.tether.inventory.SshServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code Host} block Tether writes into {@code ~/.ssh/config} for a target that has no alias there, so
 * VS Code (which only speaks ssh-config aliases) can reach it. Marked with BEGIN/END lines naming the alias.
 */
public record ManagedHostBlock(String alias, String targetName, List<String> options) {
    static final String BEGIN = "# BEGIN TETHER MANAGED HOST ";
    static final String END = "# END TETHER MANAGED HOST ";
    private static final String OWNER = "# Written by Tether for \"";

    public ManagedHostBlock {
        options = List.copyOf(options);
    }

    /** The block for {@code target} under {@code alias}: HostName, User, Port, IdentityFile, ProxyJump as set. */
    public static ManagedHostBlock forTarget(String alias, SshServer target) {
        List<String> options = new ArrayList<>();
        options.add("HostName " + value(target.host()));
        if (target.user() != null && !target.user().isBlank()) {
            options.add("User " + value(target.user()));
        }
        if (target.port() != null && target.port() != 22) {
            options.add("Port " + target.port());
        }
        if (target.identityFile() != null && !target.identityFile().isBlank()) {
            options.add("IdentityFile " + value(target.identityFile()));
        }
        if (target.jumpHost() != null && !target.jumpHost().isBlank()) {
            options.add("ProxyJump " + value(target.jumpHost()));
        }
        return new ManagedHostBlock(alias, target.name(), options);
    }

    /** The alias Tether gives a target: {@code tether-} plus its name in lower case, other characters as '-'. */
    public static String aliasFor(String targetName) {
        String slug = targetName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return "tether-" + (slug.isEmpty() ? "target" : slug);
    }

    /** The block's lines, markers included. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(BEGIN + alias);
        lines.add(OWNER + ownerText(targetName)
                + "\"; Tether rewrites this block, so change the target in Tether instead.");
        lines.add("Host " + alias);
        options.forEach(option -> lines.add("    " + option));
        lines.add(END + alias);
        return lines;
    }

    /** How a target's name is written in a block's comment (no quote or line break can end the comment early). */
    public static String ownerText(String targetName) {
        return targetName.replaceAll("[\\r\\n\"]", " ");
    }

    /** The target name in a block's comment line, or null when the line is not that comment. */
    static String ownerIn(String commentLine) {
        if (!commentLine.startsWith(OWNER)) {
            return null;
        }
        int end = commentLine.indexOf("\";", OWNER.length());
        return end < 0 ? null : commentLine.substring(OWNER.length(), end);
    }

    public String text() {
        return String.join("\n", lines()) + "\n";
    }

    /**
     * Values with spaces are double-quoted, as ssh_config reads them. ssh_config has no escapes, so a quote or
     * a line break (say, from a hand-edited inventory) would break the user's whole config: refused instead.
     */
    private static String value(String text) {
        if (text.chars().anyMatch(c -> c == '"' || Character.isISOControl(c))) {
            throw new TetherException(ErrorCode.INVALID, "error.sshConfig.unsafeValue", text.strip());
        }
        return text.chars().anyMatch(Character::isWhitespace) ? "\"" + text + "\"" : text;
    }
}
