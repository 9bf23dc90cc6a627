package app.tether.ui;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.inventory.InventoryStore;
import app.tether.settings.Preferences;
import java.nio.file.Path;
import java.util.Locale;

/** A window context on a temporary TETHER_HOME and fake HOME; background work runs on the calling thread. */
final class UiFixture {
    private UiFixture() {
    }

    static Environment environment(Path dir) {
        return new Environment(dir.resolve("tether-home"), dir.resolve("home"));
    }

    static AppContext context(Environment environment) {
        return new AppContext(environment, new InventoryStore(environment.inventoryFile()),
                Preferences.open(environment.settingsFile()), new UiLanguage(Locale.ENGLISH), new ThemeSwitcher(false),
                new FxExecutors(BackgroundExecutors.direct(), FxExecutors.FX));
    }
}
