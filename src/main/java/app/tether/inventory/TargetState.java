package app.tether.inventory;

/** What Tether last knew of a target; {@code UNKNOWN} until something probed it. */
public enum TargetState {
    UNKNOWN("unknown"),
    ONLINE("online"),
    OFFLINE("offline"),
    AUTH_FAILED("auth-failed"),
    HOST_KEY_CHANGED("host-key-changed"),
    HOST_KEY_UNKNOWN("host-key-unknown"),
    STARTING("starting"),
    RUNNING("running"),
    PAUSED("paused"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    PREEMPTED("preempted"),
    ERROR("error");

    private final String id;

    TargetState(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public String messageKey() {
        return "state." + id;
    }
}
