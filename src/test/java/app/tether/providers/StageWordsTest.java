package app.tether.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.tether.core.Messages;
import app.tether.inventory.TargetKind;
import app.tether.testing.EnglishMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EnglishMessages.class)
class StageWordsTest {
    @Test
    void cnbStatusWordsComeFromTheBundlesInEachLanguage() {
        assertEquals("closed", StageWords.display(TargetKind.CNB, "closed"));
        Messages.setLocale(Messages.CHINESE);
        assertEquals("已关闭", StageWords.display(TargetKind.CNB, "closed"));
        assertEquals("运行中", StageWords.display(TargetKind.CNB, "running"));
    }

    @Test
    void aWordTheBundlesDoNotKnowIsShownAsTheProviderSentIt() {
        Messages.setLocale(Messages.CHINESE);
        assertEquals("archived", StageWords.display(TargetKind.CNB, "archived"));
        assertEquals("APP_STARTING", StageWords.display(TargetKind.HF_SPACE, "APP_STARTING"));
        assertEquals("closed", StageWords.display(TargetKind.HF_SPACE, "closed"), "CNB's words are CNB's only");
        assertNull(StageWords.display(TargetKind.CNB, null));
    }
}
