package app.tether.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.tether.core.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The tray menu model, without a tray. */
class TrayMenuTest {
    @Test
    void offersShowWindowAndQuitAroundQuickActions() {
        List<String> ran = new ArrayList<>();
        List<TrayMenuItem> items = TrayMenu.build(() -> ran.add("show"),
                List.of(new TrayMenuItem.Action("ui.action.connect", () -> ran.add("open gpu1"))), () -> ran.add("quit"));
        assertEquals(5, items.size());
        assertEquals("ui.tray.show", ((TrayMenuItem.Action) items.get(0)).labelKey());
        assertInstanceOf(TrayMenuItem.Separator.class, items.get(1));
        assertInstanceOf(TrayMenuItem.Separator.class, items.get(3));
        TrayMenuItem.Action quit = (TrayMenuItem.Action) items.get(4);
        assertEquals("ui.tray.quit", quit.labelKey());
        items.stream().filter(TrayMenuItem.Action.class::isInstance).map(TrayMenuItem.Action.class::cast)
                .forEach(action -> action.action().run());
        assertEquals(List.of("show", "open gpu1", "quit"), ran);
    }

    @Test
    void withoutQuickActionsThereIsOneSeparator() {
        List<TrayMenuItem> items = TrayMenu.build(() -> { }, List.of(), () -> { });
        assertEquals(3, items.size());
        assertInstanceOf(TrayMenuItem.Separator.class, items.get(1));
    }

    @Test
    void everyStateHasAnIconAndTheLabelsAreTranslated() {
        for (TrayState state : TrayState.values()) {
            assertNotNull(TrayMenuTest.class.getResource(state.iconResource()), state.name());
        }
        Messages.setLocale(Locale.SIMPLIFIED_CHINESE);
        try {
            assertEquals("退出", Messages.get("ui.tray.quit"));
        } finally {
            Messages.setLocale(Locale.ENGLISH);
        }
    }
}
