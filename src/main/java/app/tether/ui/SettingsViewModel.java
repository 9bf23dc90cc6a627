package app.tether.ui;

import app.tether.settings.Preferences;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The Settings dialog: language, theme and refresh interval, copied from and saved to {@link Preferences}. */
public final class SettingsViewModel {
    private final Preferences preferences;
    private final FxExecutors executors;
    private final ObjectProperty<Preferences.Language> language = new SimpleObjectProperty<>();
    private final ObjectProperty<Preferences.Theme> theme = new SimpleObjectProperty<>();
    private final IntegerProperty refreshSeconds = new SimpleIntegerProperty();

    public SettingsViewModel(Preferences preferences, FxExecutors executors) {
        this.preferences = preferences;
        this.executors = executors;
        // Getters read the in-memory copy; only setters touch the disk.
        language.set(preferences.language());
        theme.set(preferences.theme());
        refreshSeconds.set(preferences.refreshSeconds());
    }

    /** Writes the choices to the settings file off the FX thread. */
    public CompletableFuture<Void> save() {
        Preferences.Language chosenLanguage = language.get();
        Preferences.Theme chosenTheme = theme.get();
        int seconds = refreshSeconds.get();
        return executors.run(() -> {
            preferences.setLanguage(chosenLanguage);
            preferences.setTheme(chosenTheme);
            preferences.setRefreshSeconds(seconds);
        });
    }

    public ObjectProperty<Preferences.Language> languageProperty() {
        return language;
    }

    public ObjectProperty<Preferences.Theme> themeProperty() {
        return theme;
    }

    public IntegerProperty refreshSecondsProperty() {
        return refreshSeconds;
    }
}
