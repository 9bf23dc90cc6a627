package app.tether.inventory;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * What a target costs per hour while it runs, in a currency (ISO 4217 code); the amount is kept as text so "8.50"
 * stays "8.50". Bounded: 0 to {@link #MAX} with at most {@link #MAX_DECIMALS} decimals, because an amount such
 * as 1e999999999 is a valid BigDecimal whose plain text is a billion digits (list took 16 s and 3 GB).
 */
public record HourlyPrice(String currency,
        BigDecimal amount) {
    /** The highest hourly price accepted (far above any GPU's). */
    public static final BigDecimal MAX = new BigDecimal("100000");
    public static final int MAX_DECIMALS = 4;
    /** A plain decimal: digits, optionally a point and decimals; no exponent, sign or grouping. */
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("\\d{1,6}(\\.\\d{1,4})?");

    public HourlyPrice {
        if (currency == null || amount == null) {
            throw new IllegalArgumentException("currency and amount are required");
        }
        Currency.getInstance(currency);
        // Checked without toPlainString or compareTo on the raw value, whose cost grows with the exponent.
        if (amount.signum() < 0 || amount.scale() > MAX_DECIMALS || amount.scale() < -6
                || amount.precision() - amount.scale() > 6 || amount.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("amount out of range");
        }
    }

    /** Parses "USD 1.20" or "1.20 USD": a plain decimal from 0 to {@link #MAX}, at most 4 decimals. */
    public static HourlyPrice parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException(text);
        }
        boolean currencyFirst = parts[0].chars().allMatch(Character::isLetter);
        String currency = currencyFirst ? parts[0] : parts[1];
        String amount = currencyFirst ? parts[1] : parts[0];
        if (!PLAIN.matcher(amount).matches()) {
            throw new IllegalArgumentException(text);
        }
        return new HourlyPrice(currency.toUpperCase(java.util.Locale.ROOT), new BigDecimal(amount));
    }

    @Override
    public String toString() {
        return currency + " " + amount.toPlainString();
    }
}
