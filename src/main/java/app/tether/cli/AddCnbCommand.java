package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.HourlyPrice;
import app.tether.providers.cnb.CnbRepoPath;
import app.tether.providers.cnb.CnbRunners;
import app.tether.workflow.StartPrice;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether add cnb NAME --repo GROUP/REPO [--branch B] [--gpu RUNNER]}: a repository's workspace. */
@Command(name = "cnb", description = "Add a CNB repository's workspace (started on demand).")
final class AddCnbCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "Unique name (any text).")
    String name;

    @Option(names = "--repo", required = true, paramLabel = "GROUP/REPO", description = "The repository.")
    String repo;

    @Option(names = "--branch", defaultValue = "main", description = "The branch (default: main).")
    String branch;

    @Option(names = "--gpu", paramLabel = "RUNNER",
            description = "The runner in its .cnb.yml: default, L40, H20 or cpu (sets the time limit and price).")
    String runner;

    @Option(names = "--tags", description = "Comma-separated tags.")
    String tags;

    @Option(names = "--notes", description = "Free text notes.")
    String notes;

    @Option(names = "--price", description = "Hourly price, e.g. 'CNY 8'; default: cores x CNB's core-hour rate.")
    String price;

    AddCnbCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String slug = CnbRepoPath.validate(repo);
        if (name.isBlank() || branch.isBlank()) {
            throw new TetherException(ErrorCode.USAGE, "cnb.add.blank");
        }
        CnbRunners runners = CnbRunners.standard();
        CnbRunners.Runner chosen = runner == null ? null : runners.find(runner).orElseThrow(
                () -> new TetherException(ErrorCode.USAGE, "cnb.add.runner", runner));
        HourlyPrice hourly = price != null ? parsePrice(price) : chosen == null || !chosen.gpu() ? null
                : new HourlyPrice(runners.pricing().currency(), runners.pricing().perHour(chosen));
        List<String> tagList = tags == null ? List.of()
                : Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        CnbWorkspace workspace = new CnbWorkspace(name.strip(), slug, branch.strip(), null, tagList, notes, hourly,
                chosen == null ? null : chosen.tag());
        context.store().update(inventory -> inventory.add(workspace));
        context.out().println(Messages.get("cli.add.done", workspace.name()));
        if (hourly != null && price == null) {
            context.out().println(Messages.get("cnb.add.price", StartPrice.perHour(hourly), chosen.cores(),
                    StartPrice.money(new HourlyPrice(hourly.currency(), runners.pricing().perCoreHour())),
                    runners.pricing().date()));
        }
        return 0;
    }

    private static HourlyPrice parsePrice(String text) {
        try {
            return HourlyPrice.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TetherException(ErrorCode.USAGE, "cnb.add.price.invalid", text);
        }
    }
}
