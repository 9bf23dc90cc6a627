package app.tether.providers;

import app.tether.core.Messages;
import app.tether.inventory.TargetKind;
import java.util.Locale;

/**
 * A provider's stage word as the user reads it: the bundles' word where they have one (key
 * {@code stage.KIND.word}, e.g. CNB's "closed"), else the word as the provider sent it (an API constant such as
 * "APP_STARTING", or a status Tether does not know). {@link LiveState#stage()} itself keeps the provider's word,
 * so JSON output and the state cache stay the same in every language.
 */
public final class StageWords {
    private StageWords() {
    }

    /** The word to show for {@code stage} of a {@code kind} target; null for null. */
    public static String display(TargetKind kind, String stage) {
        if (stage == null) {
            return null;
        }
        String key = "stage." + kind.id() + "." + stage.toLowerCase(Locale.ROOT);
        String word = Messages.get(key);
        return word.equals(key) ? stage : word; // Messages gives the key back when no bundle has it
    }
}
