package app.tether.ui;

import app.tether.core.Environment;
import app.tether.inventory.InventoryStore;
import app.tether.settings.Preferences;

/** What every window needs, built once at start-up (tests build one on a temporary TETHER_HOME). */
public record AppContext(Environment environment, InventoryStore store, Preferences preferences,
        UiLanguage language, ThemeSwitcher themes, FxExecutors executors) {

    /** Reads the settings (disk), so call it off the FX thread, e.g. from {@code Application.init()}. */
    public static AppContext create(Environment environment, FxExecutors executors, boolean osPrefersDark) {
        Preferences preferences = Preferences.open(environment.settingsFile());
        return new AppContext(environment, new InventoryStore(environment.inventoryFile()), preferences,
                new UiLanguage(UiLanguage.resolve(preferences.language())), new ThemeSwitcher(osPrefersDark), executors);
    }
}
