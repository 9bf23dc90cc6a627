package app.tether.providers.gce;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.util.Set;

/** An operation that ended DONE with an error: Google's code (QUOTA_EXCEEDED, ZONE_RESOURCE_POOL_EXHAUSTED, …) and message. */
public final class GceOperationFailure extends TetherException {
    /** The codes that mean "the zone has no capacity right now": worth trying again later. */
    static final Set<String> NO_CAPACITY = Set.of("ZONE_RESOURCE_POOL_EXHAUSTED",
            "ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS", "RESOURCE_POOL_EXHAUSTED");

    private final String googleCode;

    GceOperationFailure(String what, String googleCode, String message) {
        super(ErrorCode.REMOTE_FAILED, "gce.error.operation", what, googleCode == null ? "-" : googleCode,
                message == null ? "-" : message);
        this.googleCode = googleCode;
    }

    public String googleCode() {
        return googleCode;
    }

    /** Whether the zone is out of capacity for this machine (stockout), as opposed to quota or a bad request. */
    public boolean noCapacity() {
        return googleCode != null && NO_CAPACITY.contains(googleCode);
    }
}
