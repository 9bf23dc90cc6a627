package app.tether.core;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** User-facing text from the resource bundles (English and Simplified Chinese, same keys). */
public final class Messages {
    public static final String BUNDLE = "app.tether.i18n.messages";
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static volatile Locale locale = defaultLocale();

    private Messages() {
    }

    /** The language Tether speaks when the user has not chosen one: Chinese for any zh locale, else English. */
    public static Locale defaultLocale() {
        return "zh".equals(Locale.getDefault().getLanguage()) ? CHINESE : Locale.ENGLISH;
    }

    public static Locale locale() {
        return locale;
    }

    public static void setLocale(Locale newLocale) {
        locale = "zh".equals(newLocale.getLanguage()) ? CHINESE : Locale.ENGLISH;
    }

    public static ResourceBundle bundle() {
        return bundle(locale);
    }

    public static ResourceBundle bundle(Locale forLocale) {
        return ResourceBundle.getBundle(BUNDLE, forLocale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The text for {@code key}, formatted with {@link MessageFormat}. */
    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            pattern = key;
        }
        // Always through MessageFormat, so quoting rules are the same with and without arguments.
        return new MessageFormat(pattern, locale).format(args);
    }
}
