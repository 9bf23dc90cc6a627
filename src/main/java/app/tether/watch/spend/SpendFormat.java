package app.tether.watch.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import app.tether.core.Messages;

/** How amounts and durations of spend are written for people: "$12.34", "3 h 05 min". */
public final class SpendFormat {
    private SpendFormat() {
    }

    public static String usd(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Hours and minutes ("0 min" for nothing), in the current language. */
    public static String duration(Duration time) {
        long minutes = time.toMinutes();
        return minutes >= 60 ? Messages.get("spend.hoursMinutes", minutes / 60, String.format("%02d", minutes % 60))
                : Messages.get("spend.minutes", minutes);
    }
}
