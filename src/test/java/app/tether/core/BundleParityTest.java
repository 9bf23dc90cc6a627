package app.tether.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BundleParityTest {
    private final ResourceBundle english = Messages.bundle(Locale.ENGLISH);
    private final ResourceBundle chinese = Messages.bundle(Locale.SIMPLIFIED_CHINESE);

    @Test
    void everyFeatureBundleHasBothLanguagesWithTheSameKeys() {
        List<ResourceBundle> en = Messages.bundles(Locale.ENGLISH);
        List<ResourceBundle> zh = Messages.bundles(Locale.SIMPLIFIED_CHINESE);
        assertEquals(en.size(), zh.size(), "every bundle needs an English and a zh_CN file");
        for (int i = 0; i < en.size(); i++) {
            assertEquals(new TreeSet<>(en.get(i).keySet()), new TreeSet<>(zh.get(i).keySet()),
                    "key sets differ in bundle " + en.get(i).getBaseBundleName());
            assertEquals(Locale.SIMPLIFIED_CHINESE, zh.get(i).getLocale(),
                    "no zh_CN file for " + en.get(i).getBaseBundleName());
        }
    }

    @Test
    void englishAndChineseHaveTheSameKeys() {
        Set<String> onlyEnglish = new TreeSet<>(english.keySet());
        onlyEnglish.removeAll(chinese.keySet());
        Set<String> onlyChinese = new TreeSet<>(chinese.keySet());
        onlyChinese.removeAll(english.keySet());
        assertEquals(Set.of(), onlyEnglish, "keys missing in messages_zh_CN.properties");
        assertEquals(Set.of(), onlyChinese, "keys missing in messages.properties");
    }

    @Test
    void chineseBundleIsReallyChineseAndNotACopy() {
        assertTrue(chinese.getString("state.online").codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.HAN));
    }

    @Test
    void everyMessageIsAValidPatternWithTheSameArgumentCountInBothLanguages() {
        for (String key : english.keySet()) {
            int en = new MessageFormat(english.getString(key)).getFormatsByArgumentIndex().length;
            int zh = new MessageFormat(chinese.getString(key)).getFormatsByArgumentIndex().length;
            assertEquals(en, zh, "argument count differs for " + key);
        }
    }
}
