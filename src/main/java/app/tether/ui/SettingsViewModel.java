package app.tether.ui;

import app.tether.instance.InstanceSettings;
import app.tether.instance.LoginAutostart;
import app.tether.settings.Preferences;
import app.tether.watch.NoticeKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Settings dialog: language, theme, refresh interval and which notifications to show, copied from and saved to
 * {@link Preferences}.
 */
public final class SettingsViewModel {
    private final Preferences preferences;
    private final FxExecutors executors;
    private final ObjectProperty<Preferences.Language> language = new SimpleObjectProperty<>();
    private final ObjectProperty<Preferences.Theme> theme = new SimpleObjectProperty<>();
    private final IntegerProperty refreshSeconds = new SimpleIntegerProperty();
    private final Map<NoticeKind, BooleanProperty> notices = new EnumMap<>(NoticeKind.class);
    private final BooleanProperty keepRunning = new SimpleBooleanProperty();
    private final BooleanProperty startAtLogin = new SimpleBooleanProperty();
    private final LoginAutostart autostart;

    public SettingsViewModel(Preferences preferences, FxExecutors executors) {
        this(preferences, executors, null);
    }

    /** With {@code autostart}: also "Start at login" (null where the system has none). */
    public SettingsViewModel(Preferences preferences, FxExecutors executors, LoginAutostart autostart) {
        this.autostart = autostart;
        this.startAtLogin.set(autostart != null && autostart.enabled());
        this.preferences = preferences;
        this.executors = executors;
        // Getters read the in-memory copy; only setters touch the disk.
        language.set(preferences.language());
        theme.set(preferences.theme());
        refreshSeconds.set(preferences.refreshSeconds());
        for (NoticeKind kind : NoticeKind.values()) {
            notices.put(kind, new SimpleBooleanProperty(preferences.notifies(kind.id())));
        }
        keepRunning.set(Boolean.parseBoolean(preferences.get(InstanceSettings.KEEP_RUNNING, "false")));
    }

    /** Writes the choices to the settings file off the FX thread. */
    public CompletableFuture<Void> save() {
        Preferences.Language chosenLanguage = language.get();
        Preferences.Theme chosenTheme = theme.get();
        int seconds = refreshSeconds.get();
        Map<NoticeKind, Boolean> wanted = new EnumMap<>(NoticeKind.class);
        notices.forEach((kind, on) -> wanted.put(kind, on.get()));
        boolean background = keepRunning.get();
        boolean atLogin = startAtLogin.get();
        return executors.run(() -> {
            if (autostart != null && atLogin != autostart.enabled()) {
                try {
                    if (atLogin) {
                        autostart.enable(LoginAutostart.thisTether("instance", "run"));
                    } else {
                        autostart.disable();
                    }
                } catch (java.io.IOException e) {
                    throw new app.tether.core.TetherException(app.tether.core.ErrorCode.IO, e,
                            "instance.settings.autostartFailed", autostart.file(), e.getMessage());
                }
            }
            preferences.set(InstanceSettings.KEEP_RUNNING, String.valueOf(background));
            preferences.setLanguage(chosenLanguage);
            preferences.setTheme(chosenTheme);
            preferences.setRefreshSeconds(seconds);
            wanted.forEach((kind, on) -> {
                if (preferences.notifies(kind.id()) != on) {
                    preferences.setNotifies(kind.id(), on);
                }
            });
        });
    }

    public ObjectProperty<Preferences.Language> languageProperty() {
        return language;
    }

    public ObjectProperty<Preferences.Theme> themeProperty() {
        return theme;
    }

    /** "Keep running in the background": tether commands start the background instance when none runs. */
    public BooleanProperty keepRunningProperty() {
        return keepRunning;
    }

    /** "Start at login": an autostart entry runs the background instance when the user logs in. */
    public BooleanProperty startAtLoginProperty() {
        return startAtLogin;
    }

    /** Whether this system offers "Start at login". */
    public boolean offersStartAtLogin() {
        return autostart != null;
    }

    public IntegerProperty refreshSecondsProperty() {
        return refreshSeconds;
    }

    /** One switch per kind of notification, in {@link NoticeKind} order. */
    public Map<NoticeKind, BooleanProperty> noticeProperties() {
        return Collections.unmodifiableMap(notices);
    }
}
