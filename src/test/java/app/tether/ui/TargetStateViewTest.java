package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.HourlyPrice;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the detail pane says a cloud target costs now, by state: the same rule the spend ledger counts by. */
class TargetStateViewTest {
    private final UiLanguage language = new UiLanguage(Locale.ENGLISH);

    private static LiveState state(TargetState state, String stage) {
        return new LiveState(state, stage, "Nvidia T4 medium", new BigDecimal("0.60"), null, Instant.now());
    }

    @Test
    void aSpaceInAnErrorStateCostsNothingNowLikeAPausedOne() {
        assertEquals("Nothing while error (USD 0.60/h when running)",
                TargetStateView.costsNow(language, state(TargetState.ERROR, "RUNTIME_ERROR")));
        assertEquals("Nothing while paused (USD 0.60/h when running)",
                TargetStateView.costsNow(language, state(TargetState.PAUSED, "PAUSED")));
    }

    @Test
    void aRunningOrUnknownTargetWithAPriceShowsIt() {
        assertEquals("USD 0.60/h", TargetStateView.costsNow(language, state(TargetState.RUNNING, "RUNNING")));
        assertEquals("USD 0.60/h", TargetStateView.costsNow(language, state(TargetState.UNKNOWN, null)));
    }

    @Test
    void aStoredPriceIsWrittenAsMoneyWithTwoDecimalsAtLeast() {
        assertEquals("CNY 8.00/h", TargetStateView.price(language, new TargetItem(new CnbWorkspace("model",
                "team/model", "main", null, List.of(), "", HourlyPrice.parse("CNY 8.0"), "cnb:arch:amd64:gpu:L40"))));
        assertEquals("USD 0.1234/h", TargetStateView.price(language, new TargetItem(new CnbWorkspace("model",
                "team/model", "main", null, List.of(), "", HourlyPrice.parse("USD 0.1234"), "cnb:arch:amd64:gpu:L40"))));
    }
}
