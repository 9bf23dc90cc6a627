package app.tether.testing;

import app.tether.watch.EventResponses;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** EventResponses that write down each answer as "keepRunning gpu-a", for tests to wait on. */
public final class RecordingResponses implements EventResponses {
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();

    @Override
    public void keepRunning(String target) {
        answers.add("keepRunning " + target);
    }

    @Override
    public void pauseNow(String target) {
        answers.add("pauseNow " + target);
    }

    @Override
    public void restart(String target) {
        answers.add("restart " + target);
    }

    @Override
    public void open(String target) {
        answers.add("open " + target);
    }

    /** The answers not taken by {@link #next()} yet, oldest first (they stay). */
    public List<String> all() {
        return List.copyOf(answers);
    }

    /** The next answer within 5 s, or null. */
    public String next() throws InterruptedException {
        return answers.poll(5, TimeUnit.SECONDS);
    }

    /** The next answer within {@code millis}, or null. */
    public String next(long millis) throws InterruptedException {
        return answers.poll(millis, TimeUnit.MILLISECONDS);
    }
}
