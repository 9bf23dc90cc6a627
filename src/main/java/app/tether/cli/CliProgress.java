package app.tether.cli;

import app.tether.core.Messages;
import app.tether.core.Progress;

/** Progress as lines on stderr: "[2/4] Opening the tunnel" for steps, streamed lines as they are. */
final class CliProgress implements Progress {
    private final CliContext context;

    CliProgress(CliContext context) {
        this.context = context;
    }

    @Override
    public void step(int index, int total, String text) {
        synchronized (context.err()) {
            context.err().println(Messages.get("cli.open.step", index + 1, total, text));
            context.err().flush();
        }
    }

    @Override
    public void line(String text) {
        synchronized (context.err()) {
            context.err().println(text);
            context.err().flush();
        }
    }
}
