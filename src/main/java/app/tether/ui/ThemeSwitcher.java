package app.tether.ui;

import app.tether.settings.Preferences;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/** Applies the AtlantaFX Primer theme the user chose, or the one matching the OS. */
public final class ThemeSwitcher {
    /** Tether's own rules on top of the theme (badges, cards, empty state). */
    public static final String STYLESHEET = ThemeSwitcher.class.getResource("tether.css").toExternalForm();

    private final boolean osPrefersDark;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();

    /** @param osPrefersDark what {@link OsColorScheme#prefersDark()} said at start-up */
    public ThemeSwitcher(boolean osPrefersDark) {
        this.osPrefersDark = osPrefersDark;
    }

    public void apply(Preferences.Theme theme) {
        boolean useDark = theme == Preferences.Theme.DARK || (theme == Preferences.Theme.SYSTEM && osPrefersDark);
        Application.setUserAgentStylesheet(useDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        dark.set(useDark);
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }
}
