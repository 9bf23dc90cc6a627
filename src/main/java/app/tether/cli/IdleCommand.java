package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.Target;
import app.tether.inventory.TargetState;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.LiveState;
import app.tether.providers.TargetAction;
import app.tether.watch.IdleSettings;
import app.tether.watch.IdleSettingsStore;
import app.tether.watch.IdleSignal;
import app.tether.watch.StandardIdleSignals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether idle NAME [--on|--off] [--threshold P] [--minutes N] [--json]}: shows (and changes) a target's idle
 * auto-pause settings, the rule in one sentence and, while it runs, each signal's reading now.
 */
@Command(name = "idle", description = {
    "Show or change idle auto-pause for a target: Tether pauses (or stops) it when every GPU stays below the",
    "threshold, no notebook kernel is busy and nothing is connected through Tether's tunnels for N minutes.",
    "On by default where a price above zero is known; pausing happens while the window or 'tether watch' runs."})
final class IdleCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The target.")
    String name;

    @Option(names = "--on", description = "Turn idle auto-pause on.")
    boolean on;

    @Option(names = "--off", description = "Turn idle auto-pause off.")
    boolean off;

    @Option(names = "--threshold", paramLabel = "PERCENT", description = "GPU utilisation below which a GPU is idle (default 5).")
    String threshold;

    @Option(names = "--minutes", paramLabel = "N", description = "Minutes of continuous idleness before the countdown (default 30).")
    String minutes;

    @Option(names = "--json", description = "Print the settings and the signals as one JSON object.")
    boolean json;

    IdleCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (on && off) {
            throw new TetherException(ErrorCode.USAGE, "idle.error.both");
        }
        Integer percent = threshold == null ? null : number(threshold, 0, 100, "idle.error.threshold");
        Integer count = minutes == null ? null : number(minutes, 1, 1440, "idle.error.minutes");
        Target target = context.store().load().require(name);
        if (on) {
            Set<TargetAction> supported = context.lifecycle().supported(target);
            if (!supported.contains(TargetAction.PAUSE) && !supported.contains(TargetAction.STOP)) {
                throw new TetherException(ErrorCode.INVALID, "idle.error.cannotPause", target.name(),
                        Messages.get(target.kind().messageKey()));
            }
        }
        LiveState state;
        try {
            state = context.lifecycle().observe(target);
        } catch (TetherException e) {
            state = LiveState.unknown(); // the settings still show and change; the signals need the state
        }
        IdleSettingsStore store = IdleSettingsStore.in(context.environment());
        IdleSettings settings = store.effective(target, state);
        if (on || off || percent != null || count != null) {
            try {
                settings = store.update(target.name(), settings, s -> {
                    IdleSettings changed = on ? s.withEnabled(true) : off ? s.withEnabled(false) : s;
                    changed = percent == null ? changed : changed.withThreshold(percent);
                    return count == null ? changed : changed.withMinutes(count);
                });
            } catch (IOException e) {
                throw new TetherException(ErrorCode.IO, e, "idle.error.save", store.file(), e.getMessage());
            }
        }
        boolean chosen = store.chosen(target.name()).isPresent();
        boolean running = state.state() == TargetState.RUNNING || state.state() == TargetState.ONLINE;
        List<IdleSignal> signals = running ? new StandardIdleSignals(context.providers(), context::sshSessions, null,
                null, new JupyterSecrets(context.environment())).read(target, state, settings) : List.of();
        String rule = Messages.get("idle.rule", target.name(), settings.thresholdPercent(), settings.minutes());
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("target", target.name());
            object.put("enabled", settings.enabled());
            object.put("thresholdPercent", settings.thresholdPercent());
            object.put("minutes", settings.minutes());
            object.put("chosen", chosen);
            object.put("state", state.state().id());
            object.put("rule", rule);
            List<Map<String, Object>> read = new ArrayList<>();
            for (IdleSignal signal : signals) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("source", signal.source().name().toLowerCase(java.util.Locale.ROOT));
                one.put("reading", signal.reading().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                one.put("detail", signal.detail());
                read.add(one);
            }
            object.put("signals", read);
            JsonOutput.print(context.out(), object);
            return 0;
        }
        context.out().println(Messages.get(settings.enabled() ? "idle.cli.on" : "idle.cli.off", target.name(),
                settings.thresholdPercent(), settings.minutes(),
                Messages.get(chosen ? "idle.cli.chosen" : "idle.cli.default")));
        context.out().println(rule);
        if (!running) {
            context.out().println(Messages.get("idle.cli.notRunning", target.name(),
                    Messages.get(state.state().messageKey()).toLowerCase(Messages.locale())));
        }
        for (IdleSignal signal : signals) {
            context.out().println("  " + Messages.get("idle.cli.signal", Messages.get(signal.source().messageKey()),
                    Messages.get("idle.reading." + signal.reading().name().toLowerCase(java.util.Locale.ROOT)),
                    signal.detail()));
        }
        context.out().flush();
        return 0;
    }

    private static int number(String text, int min, int max, String key) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new TetherException(ErrorCode.USAGE, key, text);
    }
}
