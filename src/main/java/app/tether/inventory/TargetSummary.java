package app.tether.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code tether list --json}: the facts every kind of target has, with the last observed state
 * ({@code observedAt} null when never observed), the provider's stage word and hardware, and the price per
 * hour in USD as a number (null when unknown).
 */
public record TargetSummary(String name, String kind, String state, String address, List<String> tags,
        String price, String stage, String hardware, BigDecimal pricePerHour, String observedAt) {

    public static TargetSummary of(Target target, TargetState state) {
        return of(target, state, null, null, null, null);
    }

    /** A row from what was last observed (any argument but {@code state} may be null). */
    public static TargetSummary of(Target target, TargetState state, String stage, String hardware,
            BigDecimal observedPrice, Instant observedAt) {
        return new TargetSummary(target.name(), target.kind().id(), state.id(), address(target), target.tags(),
                target.price() == null ? null : target.price().toString(), stage, hardware,
                usdPerHour(target, observedPrice), observedAt == null ? null : observedAt.toString());
    }

    /** This row as a JSON object ({@link app.tether.core.JsonTrees}): every field in order, null ones too. */
    public Map<String, Object> toJson() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", name);
        node.put("kind", kind);
        node.put("state", state);
        node.put("address", address);
        node.put("tags", new ArrayList<Object>(tags));
        node.put("price", price);
        node.put("stage", stage);
        node.put("hardware", hardware);
        node.put("pricePerHour", pricePerHour);
        node.put("observedAt", observedAt);
        return node;
    }

    /** The provider's price when it reported one, else the user's own price when it is in USD. */
    public static BigDecimal usdPerHour(Target target, BigDecimal observedPrice) {
        if (observedPrice != null) {
            return observedPrice;
        }
        HourlyPrice own = target.price();
        return own != null && own.currency().equals("USD") ? own.amount() : null;
    }

    /** Where the target is, in the words its kind uses (Java 17: no pattern switch yet). */
    public static String address(Target target) {
        if (target instanceof SshServer s) {
            return s.address();
        }
        if (target instanceof HfSpace h) {
            return h.spaceId();
        }
        if (target instanceof GceInstance g) {
            return g.project() + "/" + g.zone() + "/" + g.instance();
        }
        return ((CnbWorkspace) target).repo();
    }

}
