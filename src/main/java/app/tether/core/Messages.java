package app.tether.core;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** User-facing text from the resource bundles (English and Simplified Chinese, same keys). */
public final class Messages {
    /**
     * The bundles, one per feature so features can be written side by side; a key is looked up in each
     * in turn. Every bundle has an English file and a {@code _zh_CN} file with the same keys.
     */
    public static final List<String> BUNDLES = List.of(
            "app.tether.i18n.messages", "app.tether.i18n.ui", "app.tether.i18n.ssh",
            "app.tether.i18n.jupyter", "app.tether.i18n.tunnel", "app.tether.i18n.probe",
            "app.tether.i18n.providers", "app.tether.i18n.hf", "app.tether.i18n.gce", "app.tether.i18n.cnb",
            "app.tether.i18n.watch", "app.tether.i18n.tray", "app.tether.i18n.idle", "app.tether.i18n.spend",
            "app.tether.i18n.instance");
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

    /** The bundles that exist for {@code forLocale}, in lookup order. */
    public static List<ResourceBundle> bundles(Locale forLocale) {
        List<ResourceBundle> found = new ArrayList<>();
        for (String name : BUNDLES) {
            ResourceBundle part = part(name, forLocale);
            if (part != null) {
                found.add(part);
            }
        }
        return found;
    }

    /** One bundle (the JDK keeps it once read); null for a feature without text of its own yet. */
    private static ResourceBundle part(String name, Locale forLocale) {
        try {
            return ResourceBundle.getBundle(name, forLocale, ShippedFiles.CONTROL);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    /**
     * Looks only for the files Tether ships ({@code NAME_zh_CN.properties} and {@code NAME.properties}): the JDK's
     * own control also asks for {@code NAME_en.properties}, and a resource that exists nowhere is searched for in
     * every jar of the class path, which opened all fifty of them (signed ones checked) on the first message of
     * every command: about a third of {@code tether list}'s run.
     */
    private static final class ShippedFiles extends ResourceBundle.Control {
        static final ShippedFiles CONTROL = new ShippedFiles();

        @Override
        public List<String> getFormats(String baseName) {
            return FORMAT_PROPERTIES;
        }

        @Override
        public List<Locale> getCandidateLocales(String baseName, Locale forLocale) {
            return "zh".equals(forLocale.getLanguage()) ? List.of(CHINESE, Locale.ROOT) : List.of(Locale.ROOT);
        }

        @Override
        public Locale getFallbackLocale(String baseName, Locale forLocale) {
            return null;
        }
    }

    /**
     * Every key of every bundle, merged, for {@code forLocale} (what JavaFX views bind to). A key is looked up in the
     * bundles in turn, each read only when the ones before lack the key, so a command that prints a table reads one
     * file, not fifteen.
     */
    public static ResourceBundle bundle(Locale forLocale) {
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                for (String name : BUNDLES) {
                    ResourceBundle part = part(name, forLocale);
                    if (part != null && part.containsKey(key)) {
                        return part.getObject(key);
                    }
                }
                return null;
            }

            @Override
            public Enumeration<String> getKeys() {
                Set<String> keys = new LinkedHashSet<>();
                bundles(forLocale).forEach(part -> keys.addAll(part.keySet()));
                return Collections.enumeration(keys);
            }
        };
    }

    public static ResourceBundle bundle() {
        return bundle(locale);
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
