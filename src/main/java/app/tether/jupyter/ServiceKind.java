package app.tether.jupyter;

import java.util.Locale;

/** How Jupyter is kept running on a server: chosen automatically, a systemd user or system unit, or a background process. */
public enum ServiceKind {
    AUTO, SYSTEMD_USER, SYSTEMD_SYSTEM, BACKGROUND;

    /** The CLI and JSON spelling: auto, systemd-user, systemd-system, background. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ServiceKind fromId(String id) {
        for (ServiceKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(id);
    }
}
