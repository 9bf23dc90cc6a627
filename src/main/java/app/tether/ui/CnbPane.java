package app.tether.ui;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.HourlyPrice;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.cnb.CnbBackup;
import app.tether.providers.cnb.CnbProvider;
import app.tether.providers.cnb.CnbQuota;
import app.tether.providers.cnb.CnbRunners;
import app.tether.providers.cnb.CnbStopCheck;
import app.tether.providers.cnb.CnbUnpushedWork;
import app.tether.providers.cnb.CnbWorkspaceItem;
import app.tether.ssh.SshSessions;
import app.tether.workflow.StartPrice;
import atlantafx.base.theme.Styles;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The CNB part of the detail pane (the provider's message above it says the time left of a running workspace):
 * when CNB recycles workspaces (4 h limit, overnight window), what CNB's backup keeps of a closed one with the advice to push, the price per hour with its date and the group's
 * GPU core-hours; and before Stop, the unpushed work in the workspace (checked over SSH) in the confirmation. CNB
 * is asked in the background; the pane shows what was read last.
 */
final class CnbPane {
    private static final int MAX_LINES = 15;

    private final CnbProvider provider;
    private final Supplier<SshSessions> sessions;
    private final FxExecutors executors;
    private final DialogService dialogs;
    private final UiLanguage language;
    private Runnable changed = () -> { };
    /** What was read per target, with the state it was read in (read again when the state changes). */
    private final Map<String, Facts> facts = new HashMap<>();
    private final Set<String> loading = new HashSet<>();

    /** What the pane shows of one workspace. */
    record Facts(TargetState readIn, Optional<CnbWorkspaceItem> current, Optional<CnbQuota> quota, String quotaProblem) {
    }

    CnbPane(CnbProvider provider, Supplier<SshSessions> sessions, FxExecutors executors, DialogService dialogs,
            UiLanguage language) {
        this.provider = provider;
        this.sessions = sessions;
        this.executors = executors;
        this.dialogs = dialogs;
        this.language = language;
    }

    /** Plugs the CNB part into {@code window} when {@code lifecycle} knows CNB; SSH (for the check before Stop) from {@code sessions}. */
    static void plugInto(MainWindow window, app.tether.workflow.Lifecycle lifecycle, Supplier<SshSessions> sessions) {
        lifecycle.providers().all().stream().filter(CnbProvider.class::isInstance).map(CnbProvider.class::cast)
                .findFirst().ifPresent(cnb -> window.setCnbPane(new CnbPane(cnb, sessions, window.model().executors(),
                        window.dialogs(), window.language())));
    }

    /** @param rebuild rebuilds the detail pane (called when facts arrive) */
    void onChange(Runnable rebuild) {
        changed = rebuild;
    }

    /**
     * Whether the backup box says what the provider's one-line message says (a closed workspace's backup), so the
     * pane shows it once; any other message (an API failure, the time left) stays.
     */
    boolean replacesMessage(TargetItem item) {
        Facts known = facts.get(item.name());
        LiveState live = item.liveProperty().get();
        return known != null && live != null && known.current().filter(CnbPane::backupAtRisk)
                .map(closed -> CnbBackup.summary(closed).equals(live.message())).orElse(false);
    }

    /** The CNB facts of {@code item}; null for other kinds. Reads CNB again when the item's state changed. */
    Node build(TargetItem item) {
        if (!(item.target() instanceof CnbWorkspace target)) {
            return null;
        }
        Facts known = facts.get(item.name());
        if ((known == null || known.readIn() != item.state()) && loading.add(item.name())) {
            TargetState state = item.state();
            executors.supply(() -> read(target, state)).whenComplete((read, failure) -> {
                loading.remove(item.name());
                // A failed read is kept too (with its reason), so the pane does not ask again until the state changes.
                facts.put(item.name(), read != null ? read : new Facts(state, Optional.empty(), Optional.empty(),
                        message(failure)));
                changed.run();
            });
        }
        VBox box = new VBox(10);
        box.setId("cnb-section");
        if (known != null) {
            known.current().filter(CnbPane::backupAtRisk).ifPresent(closed -> box.getChildren().add(backup(closed)));
        }
        box.getChildren().add(grid(target, known));
        return box;
    }

    /** A closed workspace whose backup holds work not restored anywhere yet. */
    private static boolean backupAtRisk(CnbWorkspaceItem item) {
        return item.closed() && item.backupHoldsWork() && !item.restored();
    }

    private Facts read(CnbWorkspace target, TargetState state) {
        try {
            Optional<CnbWorkspaceItem> current = provider.current(target);
            try {
                return new Facts(state, current, provider.quota(target), null);
            } catch (TetherException e) {
                return new Facts(state, current, Optional.empty(), e.getLocalizedMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TetherException(ErrorCode.FAILURE, e, "ui.cloud.interrupted", target.name());
        }
    }

    /** The warning for a closed workspace whose backup holds work: the counts, the files, and what to do. */
    private Node backup(CnbWorkspaceItem closed) {
        Label title = new Label(language.get("cnb.ui.backup.title"));
        title.getStyleClass().addAll(Styles.TITLE_4, Styles.WARNING);
        GridPane grid = facts();
        int[] row = {0};
        fact(grid, row, "cnb.ui.backup.kept", language.get("cnb.ui.backup.counts", closed.commitCount(),
                closed.fileCount(), closed.remoteStashCount()), "cnb-backup-counts");
        fact(grid, row, "cnb.ui.backup.files", closed.fileList() == null ? null
                : String.join("\n", List.of(closed.fileList().split("\\s*,\\s*"))), "cnb-backup-files");
        Label advice = new Label(language.get("cnb.ui.backup.advice"));
        advice.setId("cnb-push-advice");
        advice.setWrapText(true);
        advice.getStyleClass().add(Styles.WARNING);
        VBox box = new VBox(6, title, grid, advice);
        box.setId("cnb-backup");
        box.getStyleClass().add("cnb-backup");
        box.setPadding(new Insets(8, 10, 8, 10));
        box.setStyle("-fx-border-color: -color-warning-emphasis; -fx-border-radius: 6; -fx-background-radius: 6;"
                + " -fx-background-color: -color-warning-subtle;");
        return box;
    }

    private GridPane grid(CnbWorkspace target, Facts known) {
        GridPane grid = facts();
        int[] row = {0};
        CnbRunners.Runner runner = provider.runner(target);
        CnbRunners runners = CnbRunners.standard();
        if (runner.gpu()) {
            CnbRunners.Overnight night = runners.overnight();
            fact(grid, row, "cnb.ui.recycling", language.get("cnb.ui.recycling.value", runner.maxLifetime().toHours(),
                    night.after().toHours(), night.from().toString(), night.to().toString(), night.zone().getId()),
                    "cnb-recycling");
        }
        CnbRunners.Pricing pricing = runners.pricing();
        // Amounts as the start question and `tether status` write them: "CNY 8.00", "CNY 0.50".
        fact(grid, row, "cnb.ui.price", language.get("cnb.ui.price.value",
                StartPrice.money(new HourlyPrice(pricing.currency(), pricing.perHour(runner))), runner.cores(),
                StartPrice.money(new HourlyPrice(pricing.currency(), pricing.perCoreHour())),
                pricing.date().toString(), String.valueOf(pricing.freeGpuCoreHoursPerMonth())), "cnb-price");
        fact(grid, row, "cnb.ui.quota", quota(known, runner), "cnb-quota");
        return grid;
    }

    private String quota(Facts known, CnbRunners.Runner runner) {
        if (known == null) {
            return language.get("cnb.ui.quota.loading");
        }
        if (known.quotaProblem() != null) {
            return language.get("cnb.ui.quota.problem", known.quotaProblem());
        }
        if (known.quota().isEmpty()) {
            return language.get("cnb.ui.quota.none");
        }
        CnbQuota quota = known.quota().get();
        return quota.gpuCoreHours() == null ? language.get("cnb.ui.quota.raw", quota.group(), quota.raw())
                : language.get("cnb.ui.quota.value", quota.gpuCoreHours().toPlainString(), quota.group(),
                quota.hoursOf(runner).toPlainString());
    }

    /**
     * Before Stop (or Restart, which stops first): checks in the background what closing puts at risk, then asks
     * with that in the question; {@code proceed} runs only when the user confirms (or nothing runs to be closed).
     */
    void confirmStop(TargetItem item, Runnable proceed) {
        CnbWorkspace target = (CnbWorkspace) item.target();
        executors.supply(() -> {
            try {
                return CnbStopCheck.of(provider, target, sessions.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TetherException(ErrorCode.FAILURE, e, "ui.cloud.interrupted", target.name());
            }
        }).whenComplete((check, failure) -> {
            if (failure != null) {
                dialogs.error(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                        : failure);
                return;
            }
            if (check.isEmpty()) {
                proceed.run();
                return;
            }
            if (dialogs.confirmText("cnb.ui.stop.title", Messages.get("cnb.stop.warning", target.name(),
                    check.get().workspace().sn()), risks(check.get()), "ui.cloud.action.stop")) {
                proceed.run();
            }
        });
    }

    /** The CLI's lines before stop: unpushed work found over SSH (or why it was not checked), then the backup. */
    static String risks(CnbStopCheck check) {
        StringBuilder text = new StringBuilder();
        CnbUnpushedWork work = check.unpushed();
        if (!work.known()) {
            text.append(Messages.get("cnb.stop.unchecked", work.problem())).append('\n');
        } else if (!work.any()) {
            text.append(Messages.get("cnb.stop.clean", check.folder())).append('\n');
        } else {
            if (!work.changes().isEmpty()) {
                text.append(Messages.get("cnb.stop.changes", work.changes().size(), check.folder())).append('\n');
                lines(text, work.changes());
            }
            if (!work.commits().isEmpty()) {
                text.append(Messages.get("cnb.stop.commits", work.commits().size())).append('\n');
                lines(text, work.commits());
            }
            text.append(Messages.get("cnb.stop.push")).append('\n');
        }
        if (check.workspace().backupHoldsWork()) {
            text.append(CnbBackup.summary(check.workspace())).append('\n');
        }
        return text.toString().strip();
    }

    private static String message(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof TetherException e ? e.getLocalizedMessage()
                : Messages.get("error.unexpected", String.valueOf(cause));
    }

    private static void lines(StringBuilder text, List<String> lines) {
        lines.stream().limit(MAX_LINES).forEach(line -> text.append("  ").append(line).append('\n'));
        if (lines.size() > MAX_LINES) {
            text.append("  ").append(Messages.get("cnb.stop.more", lines.size() - MAX_LINES)).append('\n');
        }
    }

    private static GridPane facts() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("facts");
        grid.setHgap(16);
        grid.setVgap(6);
        return grid;
    }

    private void fact(GridPane grid, int[] row, String labelKey, String value, String id) {
        if (value == null || value.isBlank()) {
            return;
        }
        Label name = new Label(language.get(labelKey));
        name.getStyleClass().add(Styles.TEXT_MUTED);
        name.setMinWidth(110);
        Label text = new Label(value);
        text.setId(id);
        text.setWrapText(true);
        GridPane.setValignment(name, VPos.TOP);
        grid.addRow(row[0]++, name, text);
    }
}
