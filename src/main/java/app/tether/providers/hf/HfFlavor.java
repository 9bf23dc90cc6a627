package app.tether.providers.hf;

import java.math.BigDecimal;

/** One Space hardware flavor: its id ("t4-small"), name, specs as the Hub words them, and USD per hour. */
public record HfFlavor(String name, String prettyName, String cpu, String ram, String accelerator,
        BigDecimal pricePerHour) {

    public boolean free() {
        return pricePerHour != null && pricePerHour.signum() == 0;
    }
}
