package app.tether.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Turns the concrete aliases of ~/.ssh/config into SSH servers, skipping those already present. */
public final class SshConfigImport {
    private SshConfigImport() {
    }

    /** The result: the new inventory, the names added and the aliases skipped. */
    public record Result(Inventory inventory, List<String> added, List<String> skipped) {
    }

    public static Result apply(Inventory inventory, Collection<String> aliases) {
        Inventory next = inventory;
        List<String> added = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String alias : aliases) {
            boolean present = next.contains(alias) || next.targets().stream()
                    .anyMatch(t -> t instanceof SshServer s && alias.equals(s.sshAlias()));
            if (present) {
                skipped.add(alias);
            } else {
                next = next.add(SshServer.ofAlias(alias, alias));
                added.add(alias);
            }
        }
        return new Result(next, added, skipped);
    }
}
