package app.tether.ui;

import app.tether.core.Messages;
import app.tether.settings.Preferences;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The language the window speaks, as a property, so every text re-renders when the user switches. */
public final class UiLanguage {
    private final ReadOnlyObjectWrapper<Locale> locale = new ReadOnlyObjectWrapper<>(Messages.locale());

    public UiLanguage(Locale initial) {
        setLocale(initial);
    }

    /** The locale a preference stands for: the OS one for SYSTEM. */
    public static Locale resolve(Preferences.Language language) {
        return language.locale() == null ? Messages.defaultLocale() : language.locale();
    }

    public void setLocale(Locale newLocale) {
        Messages.setLocale(newLocale);
        locale.set(Messages.locale());
    }

    public Locale locale() {
        return locale.get();
    }

    public ReadOnlyObjectProperty<Locale> localeProperty() {
        return locale.getReadOnlyProperty();
    }

    /** Text for {@code key} that follows the language. */
    public StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> Messages.get(key, args), locale);
    }

    /** Style for a scene root: names a CJK font while the language is Chinese (see {@link CjkFont}). */
    public StringBinding rootStyle() {
        return Bindings.createStringBinding(() -> CjkFont.rootStyle("zh".equals(locale.get().getLanguage())), locale);
    }

    public String get(String key, Object... args) {
        return Messages.get(key, args);
    }
}
