package app.tether.watch;

/**
 * One of the three things the idle rule looks at, read once: whether it says busy, idle, or cannot report, with
 * what was seen in the user's language ("GPU 0: 3 %", "1 kernel busy", "no notebook open through Tether").
 */
public record IdleSignal(Source source, Reading reading, String detail) {

    /** Where the signal comes from. */
    public enum Source {
        /** Utilisation of every GPU against the threshold. */
        GPU,
        /** The notebook's kernels ({@code execution_state}) through the Jupyter REST API. */
        KERNELS,
        /** Connections open through Tether's tunnels and HTTPS forwarders to the target. */
        CONNECTIONS;

        public String messageKey() {
            return "idle.signal." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the signal says. */
    public enum Reading {
        IDLE, BUSY, CANNOT_REPORT
    }

    public static IdleSignal idle(Source source, String detail) {
        return new IdleSignal(source, Reading.IDLE, detail);
    }

    public static IdleSignal busy(Source source, String detail) {
        return new IdleSignal(source, Reading.BUSY, detail);
    }

    public static IdleSignal cannotReport(Source source, String why) {
        return new IdleSignal(source, Reading.CANNOT_REPORT, why);
    }
}
