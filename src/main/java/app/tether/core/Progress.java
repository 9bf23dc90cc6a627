package app.tether.core;

/**
 * How a long flow (setup, connect, open) reports what it is doing: the UI renders a progress bar and the
 * streamed log, the CLI prints lines. Implementations must be thread-safe; calls come from background threads.
 */
public interface Progress {
    /** Progress that goes nowhere. */
    Progress NONE = new Progress() {
        @Override
        public void step(int index, int total, String text) {
        }

        @Override
        public void line(String text) {
        }
    };

    /** Step {@code index} (0-based) of {@code total} has begun; {@code text} is localized. */
    void step(int index, int total, String text);

    /** One line of streamed output (remote stdout/stderr) belonging to the current step. */
    void line(String text);
}
