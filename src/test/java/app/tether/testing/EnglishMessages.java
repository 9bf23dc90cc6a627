package app.tether.testing;

import app.tether.core.Messages;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(EnglishMessages.class)}: each test sees English messages (tests assert on their text), and
 * the default language is back afterwards whatever the test did.
 */
public final class EnglishMessages implements BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        Messages.setLocale(Locale.ENGLISH);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Messages.setLocale(Messages.defaultLocale());
    }
}
