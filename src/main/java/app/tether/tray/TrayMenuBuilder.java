package app.tether.tray;

import app.tether.core.Messages;
import app.tether.inventory.TargetState;
import app.tether.providers.TargetAction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the tray menu from the targets' states: the total $/h of what is billing on top, each running, starting
 * or troubled target with its state and $/h and a submenu (Open notebook, Pause/Stop, Open in VS Code), then
 * "Pause all paid targets", Show Tether and Quit. Labels come from the {@code tray} bundle in the current language.
 */
public final class TrayMenuBuilder {
    private TrayMenuBuilder() {
    }

    public static TrayMenu build(List<TrayTarget> targets, TrayCommands commands) {
        List<TrayTarget> listed = targets.stream().filter(t -> t.running() || t.needsAttention()).toList();
        List<TrayTarget> billing = targets.stream().filter(TrayTarget::billing).toList();
        BigDecimal total = billing.stream().map(TrayTarget::pricePerHour).filter(p -> p != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        List<TrayMenuItem> items = new ArrayList<>();
        String summary = billing.isEmpty() ? Messages.get("tray.total.none")
                : Messages.get("tray.total", perHour(total), billing.size());
        items.add(new TrayMenuItem.Info("total", summary));
        if (!listed.isEmpty()) {
            items.add(new TrayMenuItem.Separator("targets-start"));
            listed.forEach(target -> items.add(submenu(target, commands)));
        }
        items.add(new TrayMenuItem.Separator("targets-end"));
        List<String> pausable = billing.stream().filter(t -> !t.stopActions().isEmpty()).map(TrayTarget::name).toList();
        items.add(new TrayMenuItem.Action("pause-all", Messages.get("tray.pauseAll"), !pausable.isEmpty(),
                () -> commands.pauseAll(pausable)));
        items.add(new TrayMenuItem.Action("show", Messages.get("tray.show"), true, commands::showWindow));
        items.add(new TrayMenuItem.Action("quit", Messages.get("tray.quit"), true, commands::quit));
        return new TrayMenu(state(targets), tooltip(billing.size(), total, targets), items);
    }

    /** Attention beats running: a preempted VM matters more than a busy one. */
    static TrayState state(List<TrayTarget> targets) {
        if (targets.stream().anyMatch(TrayTarget::needsAttention)) {
            return TrayState.ATTENTION;
        }
        boolean active = targets.stream().anyMatch(t -> t.connected()
                || t.state() == TargetState.RUNNING
                || t.state() == TargetState.STARTING);
        return active ? TrayState.ACTIVE : TrayState.IDLE;
    }

    /** "gpu-a100 — Running · $3.40/h · Pausing soon (idle)". */
    static String line(TrayTarget target) {
        List<String> parts = new ArrayList<>();
        parts.add(Messages.get(target.state().messageKey()));
        if (target.pricePerHour() != null && target.billing()) {
            parts.add(perHour(target.pricePerHour()));
        }
        if (target.attention() != null) {
            parts.add(target.attention());
        }
        return Messages.get("tray.target", target.name(), String.join(" · ", parts));
    }

    /** "$3.40/h" (two decimals at least, more when the price has them). */
    static String perHour(BigDecimal amount) {
        BigDecimal shown = amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.HALF_UP);
        return Messages.get("tray.perHour", "$" + shown.toPlainString());
    }

    private static TrayMenuItem submenu(TrayTarget target, TrayCommands commands) {
        String prefix = "target/" + target.name() + "/";
        List<TrayMenuItem> entries = new ArrayList<>();
        entries.add(new TrayMenuItem.Action(prefix + "open", Messages.get("tray.open"),
                target.canOpenNotebook() && target.running(), () -> commands.openNotebook(target.name())));
        for (TargetAction action : target.stopActions()) {
            entries.add(new TrayMenuItem.Action(prefix + action.id(), Messages.get("tray.action." + action.id()), true,
                    () -> commands.perform(target.name(), action)));
        }
        if (target.canOpenVsCode()) {
            entries.add(new TrayMenuItem.Action(prefix + "vscode", Messages.get("tray.vscode"), target.running(),
                    () -> commands.openInVsCode(target.name())));
        }
        return new TrayMenuItem.Submenu(prefix, line(target), entries);
    }

    private static String tooltip(int billing, BigDecimal total, List<TrayTarget> targets) {
        String name = Messages.get("app.name");
        long troubled = targets.stream().filter(TrayTarget::needsAttention).count();
        String text = billing == 0 ? Messages.get("tray.total.none") : Messages.get("tray.total", perHour(total), billing);
        if (troubled > 0) {
            text += " · " + Messages.get("tray.tooltip.attention", troubled);
        }
        return name + " — " + text;
    }
}
