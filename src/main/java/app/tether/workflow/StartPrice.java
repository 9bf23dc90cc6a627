package app.tether.workflow;

import app.tether.core.Messages;
import app.tether.inventory.HourlyPrice;
import app.tether.inventory.Target;
import app.tether.providers.ListPrice;
import app.tether.providers.LiveState;
import app.tether.providers.Provider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The price per hour that the question before a paid start names, in the current language: the live price in USD
 * where the provider reports one (Hugging Face, GCE), else the provider's own list price in its currency with the
 * condition it is charged under (CNB: CNY beyond the free quota; Tether has no exchange rate, so no USD is made
 * up), else the price the user recorded with the target; empty when none is known.
 */
public final class StartPrice {
    private StartPrice() {
    }

    public static Optional<String> text(Provider<Target> provider, Target target, LiveState state) {
        if (state.pricePerHour() != null) {
            return Optional.of(perHour(new HourlyPrice("USD", state.pricePerHour())));
        }
        Optional<ListPrice> list = provider.listPrice(target);
        if (list.isPresent()) {
            String perHour = perHour(list.get().perHour());
            return Optional.of(list.get().condition() == null ? perHour
                    : Messages.get("price.withCondition", perHour, list.get().condition()));
        }
        return Optional.ofNullable(target.price()).map(StartPrice::perHour);
    }

    /** "USD 0.40/h", "CNY 8.00/h": money with at least two decimals (the CLI prints prices this way too). */
    public static String perHour(HourlyPrice price) {
        return Messages.get("price.perHour", price.currency(), amount(price.amount()));
    }

    /** "CNY 0.50": an amount of money as {@link #perHour} writes it, without the hour. */
    public static String money(HourlyPrice price) {
        return price.currency() + " " + amount(price.amount());
    }

    private static String amount(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY)
                .toPlainString();
    }
}
