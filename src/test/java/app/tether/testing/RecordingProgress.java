package app.tether.testing;

import app.tether.core.Progress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Progress that keeps what it was told: steps as "[2/7] text", streamed lines as they came. */
public final class RecordingProgress implements Progress {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void step(int index, int total, String text) {
        lines.add("[" + (index + 1) + "/" + total + "] " + text);
    }

    @Override
    public void line(String text) {
        lines.add(text);
    }

    /** Everything reported so far, in order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return lines.toString();
    }
}
