package app.tether.cli;

import app.tether.core.Messages;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.Inventory;
import app.tether.inventory.Target;
import app.tether.providers.cnb.CnbApi;
import app.tether.providers.cnb.CnbCredentials;
import app.tether.providers.cnb.CnbRepoPath;
import app.tether.providers.cnb.CnbWorkspaceItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tether cnb import [--slug GROUP/REPO]}: adds the user's workspaces (running and closed) not yet listed. */
@Command(name = "import", description = "Add your CNB workspaces (running and closed) that Tether does not list yet,"
        + " one per repository and branch.")
final class CnbImportCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--slug", paramLabel = "GROUP/REPO", description = "Only this repository's workspaces.")
    String slug;

    CnbImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        String only = slug == null ? null : CnbRepoPath.validate(slug);
        List<CnbWorkspaceItem> items = CnbApi.from(new CnbCredentials(context.environment())).workspaces(only, null, null);
        Map<String, CnbWorkspaceItem> byRepoBranch = new LinkedHashMap<>();
        for (CnbWorkspaceItem item : items) {
            if (item.slug() != null && item.branch() != null) {
                byRepoBranch.putIfAbsent(item.slug() + "\n" + item.branch(), item);
            }
        }
        List<CnbWorkspace> added = new ArrayList<>();
        context.store().update(inventory -> {
            Inventory next = inventory;
            for (CnbWorkspaceItem item : byRepoBranch.values()) {
                if (!listed(next, item)) {
                    CnbWorkspace workspace = new CnbWorkspace(freeName(next, item), item.slug(), item.branch(), null,
                            List.of(), "", null);
                    next = next.add(workspace);
                    added.add(workspace);
                }
            }
            return next;
        });
        for (CnbWorkspace workspace : added) {
            context.out().println(Messages.get("cnb.import.added", workspace.name(), workspace.repo(), workspace.branch()));
        }
        context.out().println(Messages.get("cnb.import.summary", added.size(), byRepoBranch.size() - added.size()));
        return 0;
    }

    private static boolean listed(Inventory inventory, CnbWorkspaceItem item) {
        for (Target target : inventory.targets()) {
            if (target instanceof CnbWorkspace w && w.repo().equals(item.slug()) && w.branch().equals(item.branch())) {
                return true;
            }
        }
        return false;
    }

    /** The repository's name, with the branch when not main, and a number when taken. */
    private static String freeName(Inventory inventory, CnbWorkspaceItem item) {
        String repo = item.slug().substring(item.slug().lastIndexOf('/') + 1);
        String name = "main".equals(item.branch()) || "master".equals(item.branch()) ? repo : repo + "-" + item.branch();
        String candidate = name;
        for (int n = 2; inventory.contains(candidate); n++) {
            candidate = name + "-" + n;
        }
        return candidate;
    }
}
