package app.tether.ui;

import java.math.BigDecimal;

/**
 * One Space hardware flavor as the Hardware dialog lists it: the API's id ("t4-small"), its display name,
 * specs in words ("4 vCPU · 15 GB · Nvidia T4 16 GB") and the price per hour in USD (null when unknown).
 */
public record SpaceFlavor(String id, String name, String specs, BigDecimal pricePerHour, boolean gpu) {
    /** cpu-basic cannot be given a sleep time (the API answers 400). */
    public boolean free() {
        return "cpu-basic".equals(id);
    }
}
