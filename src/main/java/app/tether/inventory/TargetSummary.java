package app.tether.inventory;

import java.util.List;

/** One row of {@code tether list --json}: the facts every kind of target has. */
public record TargetSummary(String name, String kind, String state, String address, List<String> tags,
        String price) {

    public static TargetSummary of(Target target, TargetState state) {
        return new TargetSummary(target.name(), target.kind().id(), state.id(), address(target), target.tags(),
                target.price() == null ? null : target.price().toString());
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
