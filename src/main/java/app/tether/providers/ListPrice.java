package app.tether.providers;

import app.tether.inventory.HourlyPrice;
import java.util.Objects;

/**
 * What an hour of a target costs by its provider's own price list, in the list's currency (CNB: CNY), with the
 * condition under which it is charged in the current language ("beyond the free quota …"; null when always).
 */
public record ListPrice(HourlyPrice perHour, String condition) {
    public ListPrice {
        Objects.requireNonNull(perHour);
    }
}
