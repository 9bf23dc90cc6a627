package app.tether.ui;

import java.util.ArrayList;
import java.util.List;

/** The sleep times offered for a Space (as on its settings page), in seconds; -1 means never sleep. */
final class SleepTimes {
    static final int NEVER = -1;
    private static final List<Integer> PRESETS = List.of(NEVER, 300, 900, 1800, 3600, 36_000, 86_400, 172_800,
            259_200, 604_800);

    private SleepTimes() {
    }

    /** The presets, plus {@code current} in its place when the Space has another value. */
    static List<Integer> choices(Integer current) {
        List<Integer> choices = new ArrayList<>(PRESETS);
        if (current != null && !choices.contains(current)) {
            choices.add(current);
            choices.sort((a, b) -> a == NEVER ? -1 : b == NEVER ? 1 : Integer.compare(a, b));
        }
        return choices;
    }

    /** "Never", "15 min", "10 h", "2 days", in the UI language. */
    static String label(UiLanguage language, Integer seconds) {
        if (seconds == null || seconds < 0) {
            return language.get("ui.hf.sleep.never");
        }
        if (seconds % 86_400 == 0) {
            return language.get("ui.hf.sleep.days", seconds / 86_400);
        }
        if (seconds % 3600 == 0) {
            return language.get("ui.hf.sleep.hours", seconds / 3600);
        }
        if (seconds % 60 == 0) {
            return language.get("ui.hf.sleep.minutes", seconds / 60);
        }
        return language.get("ui.hf.sleep.seconds", seconds);
    }
}
