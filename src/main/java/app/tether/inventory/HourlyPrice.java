package app.tether.inventory;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.Currency;

/** What a target costs per hour while it runs, in a currency (ISO 4217 code); the amount is kept as text so "8.50" stays "8.50". */
public record HourlyPrice(String currency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    public HourlyPrice {
        if (currency == null || amount == null) {
            throw new IllegalArgumentException("currency and amount are required");
        }
        Currency.getInstance(currency);
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }

    /** Parses "USD 1.20" or "1.20 USD". */
    public static HourlyPrice parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException(text);
        }
        boolean currencyFirst = parts[0].chars().allMatch(Character::isLetter);
        String currency = currencyFirst ? parts[0] : parts[1];
        String amount = currencyFirst ? parts[1] : parts[0];
        return new HourlyPrice(currency.toUpperCase(java.util.Locale.ROOT), new BigDecimal(amount));
    }

    @Override
    public String toString() {
        return currency + " " + amount.toPlainString();
    }
}
